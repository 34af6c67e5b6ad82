/**
 * system-api's Shopify routes as process-api sees them (its own view of that contract). A separate
 * client from the ERP's, so a slow or failing shop never opens the breaker ERP calls go through.
 */
export const SHOPIFY_SYSTEM_PORT = Symbol('SHOPIFY_SYSTEM_PORT');

export interface ShopifyOrderChange {
  id: string;
  name: string;
  updatedAt: string;
}

/** An order's payment transactions as its shop recorded them (minor units of the order's currency). */
export interface ShopifyOrderTransactions {
  /** The order's gid. */
  orderId: string;
  currency: string;
  transactions: { id: string; kind: string; status: string; amountMinor: number }[];
}

/** A Shopify bulk operation listing changed orders; `orders` is one page of its result once COMPLETED. */
export interface ShopifyBulkOrderScan {
  id: string;
  status: string;
  objectCount: number;
  errorCode: string | null;
  orders: ShopifyOrderChange[];
  nextOffset: number | null;
}

export interface ShopifySystemPort {
  shops(): Promise<string[]>;
  setInventory(input: {
    shop?: string;
    writeKey: string;
    inventoryItemId: string;
    locationId: string;
    available: number;
    changeFromQuantity: number | null;
  }): Promise<{ adjustmentGroupId: string | null }>;
  fulfil(input: {
    shop?: string;
    orderId: string;
    shipmentKey: string;
    lines: { sku: string; quantity: number }[];
    tracking?: { number?: string; company?: string; url?: string };
  }): Promise<{ fulfillmentId: string; status: string; duplicate: boolean }>;
  refund(input: {
    shop?: string;
    orderId: string;
    refundKey: string;
    amountMinor: number;
    currency: string;
    note?: string;
  }): Promise<{ refundId: string; duplicate: boolean }>;
  cancel(orderId: string, input: { shop?: string; reason: string; staffNote?: string; refund: boolean }): Promise<{ jobId: string | null }>;
  tag(orderId: string, input: { shop?: string; tags: string[] }): Promise<void>;
  ordersUpdatedSince(shop: string, since: string, after?: string): Promise<{ orders: ShopifyOrderChange[]; nextCursor: string | null }>;
  ordersCount(shop: string, since: string): Promise<{ count: number }>;
  startBulkOrderScan(shop: string, since: string): Promise<ShopifyBulkOrderScan>;
  bulkOrderScan(shop: string, id: string, offset?: number): Promise<ShopifyBulkOrderScan>;
  order(shop: string, orderId: string): Promise<{ body: Record<string, unknown> }>;
  /** Reconciliation: the payment transactions of up to 500 orders of one shop. */
  orderTransactions(shop: string, orderIds: string[]): Promise<ShopifyOrderTransactions[]>;
}
