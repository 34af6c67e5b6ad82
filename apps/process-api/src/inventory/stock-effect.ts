import { EventType } from '@weft/events';

/** Order-flow events that move stock, and what each does to the projection. */
export const STOCK_EVENT_TYPES = [
  EventType.OrderCreated,
  EventType.InventoryReserved,
  EventType.ShipmentConfirmed,
  EventType.OrderCancelled,
  EventType.ReturnReceived,
] as const;
export type StockEventType = (typeof STOCK_EVENT_TYPES)[number];

/**
 * hold: goods already left (a till sale) before the ERP knows: count them as pending now.
 * settle: the ERP now holds the truth for this order (reserved, shipped, cancelled): close its holds, re-read the ERP.
 * refresh: re-read the ERP (an order reserved synchronously, a return received).
 */
export type StockEffect = 'hold' | 'settle' | 'refresh';

export function stockEffect(type: StockEventType, channel: string | undefined): StockEffect {
  switch (type) {
    case EventType.OrderCreated:
      return channel === 'pos' ? 'hold' : 'refresh';
    case EventType.InventoryReserved:
    case EventType.ShipmentConfirmed:
    case EventType.OrderCancelled:
      return 'settle';
    case EventType.ReturnReceived:
      return 'refresh';
  }
}

export function isStockEventType(type: string): type is StockEventType {
  return (STOCK_EVENT_TYPES as readonly string[]).includes(type);
}
