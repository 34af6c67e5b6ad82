export * from './data-source.options';
export * from './unit-of-work';
export * from './persistence.module';
export * from './migrations';
