export * from './layer.client';
