export * from './test-env';
export * from './tokens';
export * from './stack';
export * from './shopify';
export * from './contract-validator';
export * from './shopify-admin-schema';
export * from './shopify-admin-server';
export * from './infra-servers';
