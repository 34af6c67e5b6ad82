import { Request } from 'autocannon';
import { paidShopifyOrder, shopifyFixture, signShopify } from '@weft/testing';

const PLACEHOLDER = '987654321987654321';

/** The one shop of the bench's setup (its SHOPIFY_SHOP_DOMAIN): order keys are `shopify:<shop>:<id>`. */
export const BENCH_SHOP = 'weft-bench.myshopify.com';

/** The fixture's buyer: its e-mails and Shopify customer ids, replaced per delivery unless one customer is asked for. */
const BUYER = [/jon@example\.com|john@example\.com/g, /115310627314723950|115310627314723954/g] as const;

/**
 * Paid orders/create deliveries derived from the fixture test/fixtures/shopify/orders-create.json as the e2e tests
 * derive them: each with its own 18-digit Shopify order id and X-Shopify-Event-Id, signed with the secret. Each
 * is a different customer (a sale spike is many buyers) unless `oneCustomer`, which sends the fixture's buyer
 * every time: the figures of issue 14's table and of the sessions before 5 were taken so.
 */
export class ShopifyDeliveries {
  private readonly parts: string[];
  private n = 0;

  constructor(
    private readonly runTag: string,
    private readonly secret: string,
    /** First digit of the order ids, so phases of one run never share an order. */
    private readonly series: number,
    private readonly oneCustomer = false,
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
    const body = this.parts.join(this.orderId(i));
    if (this.oneCustomer) return body;
    const buyer = `${this.series}${String(i).padStart(17, '0')}`;
    return body.replace(BUYER[0], `buyer-${buyer}@example.com`).replace(BUYER[1], `7${buyer.slice(1)}`);
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
