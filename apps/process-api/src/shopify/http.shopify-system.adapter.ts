import { LayerClient } from '@weft/clients';
import { ShopifyBulkOrderScan, ShopifyOrderTransactions, ShopifySystemPort } from './shopify-system.port';

const enc = encodeURIComponent;

/** ShopifySystemPort over system-api's /v1/shopify routes. */
export class HttpShopifySystemAdapter implements ShopifySystemPort {
  constructor(private readonly http: LayerClient) {}

  async shops(): Promise<string[]> {
    return (await this.http.get<{ shops: string[] }>('/v1/shopify/shops')).shops;
  }

  setInventory(input: Parameters<ShopifySystemPort['setInventory']>[0]): Promise<{ adjustmentGroupId: string | null }> {
    return this.http.post('/v1/shopify/inventory-quantities', input);
  }

  fulfil(input: Parameters<ShopifySystemPort['fulfil']>[0]): ReturnType<ShopifySystemPort['fulfil']> {
    return this.http.post('/v1/shopify/fulfilments', input);
  }

  refund(input: Parameters<ShopifySystemPort['refund']>[0]): ReturnType<ShopifySystemPort['refund']> {
    return this.http.post('/v1/shopify/refunds', input);
  }

  cancel(orderId: string, input: Parameters<ShopifySystemPort['cancel']>[1]): Promise<{ jobId: string | null }> {
    return this.http.post(`/v1/shopify/orders/${enc(orderId)}/cancel`, input);
  }

  async tag(orderId: string, input: { shop?: string; tags: string[] }): Promise<void> {
    await this.http.post(`/v1/shopify/orders/${enc(orderId)}/tags`, input);
  }

  ordersUpdatedSince(shop: string, since: string, after?: string): ReturnType<ShopifySystemPort['ordersUpdatedSince']> {
    return this.http.get('/v1/shopify/orders', { query: { shop, updatedSince: since, after } });
  }

  ordersCount(shop: string, since: string): Promise<{ count: number }> {
    return this.http.get('/v1/shopify/orders-count', { query: { shop, updatedSince: since } });
  }

  startBulkOrderScan(shop: string, since: string): Promise<ShopifyBulkOrderScan> {
    return this.http.post('/v1/shopify/bulk-order-scans', { shop, updatedSince: since });
  }

  bulkOrderScan(shop: string, id: string, offset?: number): Promise<ShopifyBulkOrderScan> {
    return this.http.get(`/v1/shopify/bulk-order-scans/${enc(id)}`, { query: { shop, offset } });
  }

  order(shop: string, orderId: string): Promise<{ body: Record<string, unknown> }> {
    return this.http.get(`/v1/shopify/orders/${enc(orderId)}`, { query: { shop } });
  }

  orderTransactions(shop: string, orderIds: string[]): Promise<ShopifyOrderTransactions[]> {
    return this.http.post('/v1/shopify/order-transactions/search', { shop, orderIds });
  }
}
