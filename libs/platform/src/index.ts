export * from './bootstrap';
export * from './config.module';
export * from './health.controller';
export * from './health.module';
export * from './infra.module';
export * from './pino-nest.logger';
export * from './run-app';
