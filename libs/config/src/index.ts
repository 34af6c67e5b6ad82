export * from './env.validation';
export * from './weft.config';
