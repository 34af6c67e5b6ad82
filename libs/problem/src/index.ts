export * from './error-code';
export * from './domain-error';
export * from './problem-details';
export * from './problem-mapping';
export * from './to-problem';
export * from './problem.filter';
export * from './validation.pipe';
