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

/** Listed once, so the contract's enum does not depend on how the compiler orders a union. */
export const BULK_OPERATION_STATUSES = ['CANCELED', 'CANCELING', 'COMPLETED', 'CREATED', 'EXPIRED', 'FAILED', 'RUNNING'] as const;
export type BulkOperationStatus = (typeof BULK_OPERATION_STATUSES)[number];

/** A bulk order scan (catch-up of a large window): its state and, once COMPLETED, a page of its result. */
export interface BulkOrderScan {
  /** The bulk operation's gid. */
  id: string;
  status: BulkOperationStatus;
  objectCount: number;
  errorCode: string | null;
  /** From `offset`, at most `limit` changes; empty until COMPLETED. */
  orders: OrderChange[];
  /** Where the next page starts; null on the last (or before COMPLETED). */
  nextOffset: number | null;
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
  /** Starts a bulk operation listing the orders updated after `since`. */
  startBulkOrderScan(shop: string | undefined, since: string): Promise<BulkOrderScan>;
  /** A bulk order scan's state; once COMPLETED, the changes from `offset` (its JSONL result, read once and kept a while). */
  bulkOrderScan(shop: string | undefined, id: string, offset: number, limit: number): Promise<BulkOrderScan>;
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
