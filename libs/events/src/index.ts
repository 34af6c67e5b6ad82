export * from './cloud-event';
export * from './event-types';
export * from './shopify-topics';
