export * from './contract-files';
export * from './contracts-index.page';
export * from './docs.routes';
export * from './html';
export * from './swagger-ui.page';
