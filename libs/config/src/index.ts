export * from './env.validation';
export * from './weft.config';
export * from './shopify-shops';
export * from './production-safety';
export * from './node-flags';
