export * from './retention.rule';
export * from './retention.pruner';
export * from './retention.module';
