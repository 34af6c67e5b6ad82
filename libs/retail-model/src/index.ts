export * from './money';
export * from './order';
export * from './identity';
export * from './order.dto';
export * from './return.dto';
export * from './limits';
