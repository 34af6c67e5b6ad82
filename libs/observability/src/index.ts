export * from './request-context';
export * from './correlation';
export * from './logger';
export * from './redaction';
