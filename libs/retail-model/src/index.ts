export * from './money';
export * from './order';
export * from './identity';
export * from './order.dto';
export * from './return.dto';
export * from './shipment.dto';
export * from './ops.dto';
export * from './exception-queue.dto';
