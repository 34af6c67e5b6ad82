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
 * refresh: re-read the ERP (a channel order the ERP may already know of, a return received).
 * none: nothing changed anywhere (a storefront or partner order: its ledger hold was taken when it was accepted).
 */
export type StockEffect = 'hold' | 'settle' | 'refresh' | 'none';

/** Channels whose orders hold stock in Weft's ledger until the ERP reserves, ships or cancels them. */
export const LEDGER_CHANNELS: ReadonlySet<string> = new Set(['pos', 'storefront', 'partner']);

export function stockEffect(type: StockEventType, channel: string | undefined): StockEffect {
  switch (type) {
    case EventType.OrderCreated:
      if (channel === 'pos') return 'hold';
      return channel && LEDGER_CHANNELS.has(channel) ? 'none' : 'refresh';
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
