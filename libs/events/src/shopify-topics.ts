/**
 * The Shopify webhook topics Weft consumes. The edge forwards exactly these into the event backbone, and
 * `npm run shopify:subscribe` registers exactly these with a shop, so the two can never drift apart.
 */
export const SHOPIFY_WEBHOOK_TOPICS = [
  'orders/create',
  'orders/paid',
  'orders/updated',
  'orders/cancelled',
  'order_transactions/create',
  'fulfillments/create',
  'customers/create',
  'customers/update',
  'inventory_levels/update',
  'refunds/create',
  'returns/approve',
  'returns/request',
  'returns/close',
  'returns/decline',
  'returns/cancel',
] as const;
