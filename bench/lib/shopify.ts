import { Request } from 'autocannon';
import { paidShopifyOrder, shopifyFixture, signShopify } from '@weft/testing';

const PLACEHOLDER = '987654321987654321';

/** The one shop of the bench's setup (its SHOPIFY_SHOP_DOMAIN): order keys are `shopify:<shop>:<id>`. */
export const BENCH_SHOP = 'weft-bench.myshopify.com';

/**
 * Paid orders/create deliveries derived from the fixture test/fixtures/shopify/orders-create.json as the e2e tests
 * derive them: each with its own 18-digit Shopify order id and X-Shopify-Event-Id, signed with the secret.
 */
export class ShopifyDeliveries {
  private readonly parts: string[];
  private n = 0;

  constructor(
    private readonly runTag: string,
    private readonly secret: string,
    /** First digit of the order ids, so phases of one run never share an order. */
    private readonly series: number,
  ) {
    const body = paidShopifyOrder(shopifyFixture('orders-create.json'), PLACEHOLDER);
    this.parts = body.split(PLACEHOLDER);
    if (this.parts.length < 2) throw new Error('the fixture did not take the order id');
  }

  get sent(): number {
    return this.n;
  }

  /** The raw body of delivery `i` (no headers): also what the raw insert loop stores. */
  body(i: number): string {
    return this.parts.join(this.orderId(i));
  }

  orderId(i: number): string {
    return `${this.series}${String(i).padStart(17, '0')}`;
  }

  next(): { body: string; headers: Record<string, string> } {
    const i = this.n++;
    const body = this.body(i);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': signShopify(body, this.secret),
        'x-shopify-shop-domain': BENCH_SHOP,
        'x-shopify-api-version': '2026-04',
        'x-shopify-webhook-id': `wh-${this.runTag}-${this.series}-${i}`,
        'x-shopify-event-id': `evt-${this.runTag}-${this.series}-${i}`,
        'x-shopify-triggered-at': new Date().toISOString(),
      },
    };
  }

  /** autocannon setupRequest: a fresh, signed delivery per request. */
  setup = (request: Request): Request => {
    const d = this.next();
    return { ...request, method: 'POST', headers: d.headers, body: d.body };
  };
}
