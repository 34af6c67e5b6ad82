export * from './layer.client';
export * from './contract-responses';
export * from './contract-client';
