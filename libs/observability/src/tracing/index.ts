export * from './sdk';
export * from './spans';
