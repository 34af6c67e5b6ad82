export * from './test-env';
export * from './tokens';
export * from './stack';
export * from './shopify';
