export * from './layer.client';
export * from './contract-check';
export * from './contract-responses';
export * from './contract-client';
