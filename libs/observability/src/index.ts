export * from './request-context';
export * from './correlation';
export * from './logger';
export * from './metrics';
export * from './tracing';
export * from './redaction';
