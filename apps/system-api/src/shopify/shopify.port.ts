/**
 * What Weft writes to and reads from a Shopify shop's Admin API. `shop` is the shop's domain; absent,
 * the first shop in SHOPIFY_SHOPS with an Admin access token is meant (a one-shop setup).
 */
export const SHOPIFY_PORT = Symbol('SHOPIFY_PORT');

export interface InventorySetRequest {
  shop?: string;
  /** Weft's id of this write; a retry sends the same one, so Shopify applies it once (@idempotent). */
  writeKey: string;
  inventoryItemId: string;
  locationId: string;
  available: number;
  /** What Weft believes Shopify holds now; null when it does not know (the first write). */
  changeFromQuantity: number | null;
}

export interface ShipmentFulfilmentRequest {
  shop?: string;
  orderId: string;
  /** The ERP shipment's business key: one fulfilment per key, however often it is sent. */
  shipmentKey: string;
  lines: { sku: string; quantity: number }[];
  tracking?: { number?: string; company?: string; url?: string };
  notifyCustomer: boolean;
}

export interface FulfilmentResult {
  fulfillmentId: string;
  status: string;
  /** True when this shipment had already been fulfilled: nothing new was created. */
  duplicate: boolean;
}

export interface ShopifyRefundRequest {
  shop?: string;
  orderId: string;
  /** Weft's refund key (the return's): the @idempotent key, and marked in the refund's note. */
  refundKey: string;
  amountMinor: number;
  currency: string;
  note?: string;
}

export interface ShopifyRefundResult {
  refundId: string;
  duplicate: boolean;
}

export interface OrderCancelRequest {
  shop?: string;
  orderId: string;
  reason: 'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF';
  staffNote?: string;
  /** Refund the payment in Shopify with the cancellation. */
  refund: boolean;
  notifyCustomer: boolean;
}

export interface OrderChange {
  /** The order's gid. */
  id: string;
  name: string;
  updatedAt: string;
}

export interface OrdersPage {
  orders: OrderChange[];
  nextCursor: string | null;
}

/** One payment transaction of an order, in the order's currency's minor units. */
export interface OrderTransactionView {
  id: string;
  kind: string;
  status: string;
  amountMinor: number;
  processedAt: string | null;
}

export interface OrderTransactionsView {
  /** The order's gid. */
  orderId: string;
  currency: string;
  transactions: OrderTransactionView[];
}

export interface WebhookSubscriptionView {
  id: string;
  topic: string;
  uri: string;
  format: string;
  createdAt: string;
}

export interface ShopifyPort {
  /** Shops with Admin API credentials, in SHOPIFY_SHOPS order. */
  shops(): string[];
  setInventory(r: InventorySetRequest): Promise<{ adjustmentGroupId: string | null }>;
  fulfilShipment(r: ShipmentFulfilmentRequest): Promise<FulfilmentResult>;
  refund(r: ShopifyRefundRequest): Promise<ShopifyRefundResult>;
  cancelOrder(r: OrderCancelRequest): Promise<{ jobId: string | null }>;
  tagOrder(shop: string | undefined, orderId: string, tags: string[]): Promise<void>;
  ordersUpdatedSince(shop: string | undefined, since: string, after?: string): Promise<OrdersPage>;
  ordersCountSince(shop: string | undefined, since: string): Promise<number>;
  /** One order in the shape of an orders/* webhook body, so the same intake reads it; null if unknown. */
  orderForIntake(shop: string | undefined, orderId: string): Promise<Record<string, unknown> | null>;
  /** Orders' payment transactions (reconciliation); orders the shop does not know are left out. */
  orderTransactions(shop: string | undefined, orderIds: string[]): Promise<OrderTransactionsView[]>;
  webhookSubscriptions(shop: string | undefined): Promise<WebhookSubscriptionView[]>;
  subscribeWebhook(shop: string | undefined, topic: string, uri: string): Promise<WebhookSubscriptionView>;
}

/** `12345` or `gid://shopify/Order/12345` → the gid. */
export function orderGid(orderId: string): string {
  return orderId.startsWith('gid://') ? orderId : `gid://shopify/Order/${orderId}`;
}

export function gidOf(kind: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${kind}/${id}`;
}
