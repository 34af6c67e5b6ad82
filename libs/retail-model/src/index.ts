export * from './money';
export * from './order';
