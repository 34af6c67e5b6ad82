export * from './test-env';
export * from './tokens';
export * from './stack';
