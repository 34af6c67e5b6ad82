export * from './tryton.codec';
export * from './tryton.erp-adapter';
export * from './tryton.locks';
export * from './tryton.provider';
export * from './tryton.rpc-client';
