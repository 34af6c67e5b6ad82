export * from './money';
export * from './order';
export * from './posting';
export * from './finance-orders';
export * from './identity';
export * from './order.dto';
export * from './return.dto';
