import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { LocalShopifyAdmin, startStack, Stack } from '@weft/testing';

const A = 'weft-a.myshopify.com';
const B = 'weft-b.myshopify.com';

describe('system-api → Shopify Admin GraphQL (local server on the vendored 2026-10 schema)', () => {
  const shopify = new LocalShopifyAdmin({ maximumAvailable: 1000, restoreRate: 100 });
  let stack: Stack;
  let token: string;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${stack.urls.system}/v1/shopify/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  beforeAll(async () => {
    await shopify.start();
    shopify.shop(A, 'shpat_token_shop_a');
    shopify.shop(B, 'shpat_token_shop_b');
    const shops = [A, B].map((domain) => ({
      domain,
      webhookSecrets: [`secret-${domain}`],
      adminAccessToken: domain === A ? 'shpat_token_shop_a' : 'shpat_token_shop_b',
      adminApiUrl: shopify.adminApiUrl(domain),
    }));
    stack = await startStack({ system: createSystemApi }, { SHOPIFY_SHOPS: JSON.stringify(shops), SHOPIFY_TIMEOUT_MS: '800' });
    token = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  it('lists the shops that have Admin API credentials', async () => {
    expect(await call('GET', 'shops')).toEqual({ status: 200, body: { shops: [A, B] } });
  });

  it('a split shipment gives two fulfilments with tracking, and a shipment sent twice creates one', async () => {
    const order = shopify.shop(A).addOrder({
      id: 5001,
      lines: [
        { sku: 'TEE-M', quantity: 2, price: '25.00' },
        { sku: 'MUG', quantity: 1, price: '12.00' },
      ],
    });
    const first = {
      orderId: '5001',
      shipmentKey: 'SO-1:SH-1',
      lines: [{ sku: 'TEE-M', quantity: 1 }],
      tracking: { number: '1Z001', company: 'UPS', url: 'https://ups.example/1Z001' },
    };
    const r1 = await call<{ fulfillmentId: string; duplicate: boolean }>('POST', 'fulfilments', { shop: A, ...first });
    expect(r1.status).toBe(200);
    expect(r1.body.duplicate).toBe(false);
    const again = await call<{ fulfillmentId: string; duplicate: boolean }>('POST', 'fulfilments', { shop: A, ...first });
    expect(again.body).toMatchObject({ fulfillmentId: r1.body.fulfillmentId, duplicate: true });
    const r2 = await call<{ fulfillmentId: string }>('POST', 'fulfilments', {
      shop: A,
      orderId: '5001',
      shipmentKey: 'SO-1:SH-2',
      lines: [
        { sku: 'TEE-M', quantity: 1 },
        { sku: 'MUG', quantity: 1 },
      ],
      tracking: { number: '1Z002', company: 'UPS' },
    });
    expect(r2.status).toBe(200);
    expect(order.fulfillments.map((f) => f.trackingInfo[0])).toEqual([
      { number: '1Z001', company: 'UPS', url: 'https://ups.example/1Z001' },
      { number: '1Z002', company: 'UPS', url: null },
    ]);
    expect(order.fulfillmentOrders[0].lines.map((l) => l.remainingQuantity)).toEqual([0, 0]);
    const nothing = await call<{ shopifyCode: string }>('POST', 'fulfilments', {
      shop: A,
      orderId: '5001',
      shipmentKey: 'SO-1:SH-3',
      lines: [{ sku: 'MUG', quantity: 1 }],
    });
    expect(nothing.status).toBe(422);
    expect(nothing.body.shopifyCode).toBe('shopify-nothing-to-fulfil');
  });

  it('a refund whose answer times out is sent again with the same @idempotent key and refunds once', async () => {
    const order = shopify.shop(A).addOrder({ id: 5002, lines: [{ sku: 'TEE-M', quantity: 2, price: '25.00' }] });
    shopify.delayNext('refundCreate', 1500);
    const r = await call<{ refundId: string; duplicate: boolean }>('POST', 'refunds', {
      shop: A,
      orderId: '5002',
      refundKey: 'RET-9',
      amountMinor: 2500,
      currency: 'USD',
    });
    expect(r.status).toBe(200);
    expect(shopify.calls.filter((c) => c.operation === 'refundCreate' && c.shop === A)).toHaveLength(2);
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]).toMatchObject({ id: r.body.refundId, amount: '25.00' });
    // Asked again later (a workflow retry): Shopify's refunds are read first, nothing new is created.
    const again = await call<{ refundId: string; duplicate: boolean }>('POST', 'refunds', {
      shop: A,
      orderId: '5002',
      refundKey: 'RET-9',
      amountMinor: 2500,
      currency: 'USD',
    });
    expect(again.body).toEqual({ refundId: r.body.refundId, duplicate: true });
    expect(order.refunds).toHaveLength(1);
  });

  it('honours the cost bucket: a drained bucket is waited out, and another shop is not held up', async () => {
    const a = shopify.shop(A);
    const item = 'gid://shopify/InventoryItem/77';
    const location = 'gid://shopify/Location/9';
    a.bucket.set(0, { hold: true });
    const started = Date.now();
    const before = shopify.calls.length;
    const slow = call('POST', 'inventory-quantities', {
      shop: A,
      writeKey: 'w-throttle-1',
      inventoryItemId: item,
      locationId: location,
      available: 5,
      changeFromQuantity: null,
    });
    // Shop B answers while A waits for its bucket to refill.
    const fast = await call<{ shops: string[] }>('POST', 'inventory-quantities', {
      shop: B,
      writeKey: 'w-b-1',
      inventoryItemId: item,
      locationId: location,
      available: 1,
      changeFromQuantity: null,
    });
    const fastMs = Date.now() - started;
    expect(fast.status).toBe(200);
    const done = await slow;
    const waited = Date.now() - started;
    expect(done.status).toBe(200);
    const mine = shopify.calls.slice(before).filter((c) => c.shop === A);
    expect(mine.map((c) => c.throttled)).toEqual([true, false]);
    // 10 points + the 50-point reserve at 100 points/s: at least ~0.5 s of waiting.
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(fastMs).toBeLessThan(waited);
    expect(a.inventory.get(`${item}|${location}`)).toBe(5);

    // Now the client knows the bucket: a burst is paced, not throttled.
    a.bucket.set(100);
    const burstStart = shopify.calls.length;
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call('POST', 'inventory-quantities', {
          shop: A,
          writeKey: `w-burst-${i}`,
          inventoryItemId: item,
          locationId: location,
          available: 10 + i,
          changeFromQuantity: null,
        }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(12).fill(200));
    const throttledInBurst = shopify.calls.slice(burstStart).filter((c) => c.shop === A && c.throttled).length;
    expect(throttledInBurst).toBeLessThanOrEqual(1);
  });

  it('a 429 is waited out (Retry-After) and the call then succeeds', async () => {
    const order = shopify.shop(B).addOrder({ id: 6002, lines: [{ sku: 'MUG', quantity: 1, price: '12.00' }] });
    shopify.tooManyRequestsNext('tagsAdd');
    const started = Date.now();
    expect((await call('POST', `orders/6002/tags`, { shop: B, tags: ['ERP:SO-0043'] })).status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(shopify.calls.filter((c) => c.operation === 'tagsAdd' && c.shop === B).map((c) => c.status)).toEqual([429, 200]);
    expect(order.tags).toEqual(['ERP:SO-0043']);
  });

  it('a compare quantity that no longer matches is a typed conflict, not an overwrite', async () => {
    const a = shopify.shop(A);
    a.inventory.set('gid://shopify/InventoryItem/88|gid://shopify/Location/9', 7);
    const r = await call<{ shopifyCode: string; status: number }>('POST', 'inventory-quantities', {
      shop: A,
      writeKey: 'w-stale-1',
      inventoryItemId: '88',
      locationId: '9',
      available: 3,
      changeFromQuantity: 4,
    });
    expect(r.status).toBe(409);
    expect(r.body.shopifyCode).toBe('shopify-quantity-stale');
    expect(a.inventory.get('gid://shopify/InventoryItem/88|gid://shopify/Location/9')).toBe(7);
  });

  it('cancels an order and tags it with the ERP order number', async () => {
    const order = shopify.shop(B).addOrder({ id: 6001, lines: [{ sku: 'MUG', quantity: 1, price: '12.00' }] });
    expect((await call('POST', `orders/6001/tags`, { shop: B, tags: ['ERP:SO-0042'] })).status).toBe(204);
    const c = await call<{ jobId: string }>('POST', `orders/6001/cancel`, {
      shop: B,
      reason: 'INVENTORY',
      staffNote: 'ERP could not source',
    });
    expect(c.status).toBe(200);
    expect(order.cancelledAt).not.toBeNull();
    expect(order.tags).toEqual(['ERP:SO-0042']);
    const twice = await call<{ shopifyCode: string }>('POST', `orders/6001/cancel`, { shop: B, reason: 'INVENTORY' });
    expect(twice.status).toBe(422);
    expect(twice.body.shopifyCode).toBe('shopify-rejected');
  });

  it('pages orders updated since a watermark and reads one in the webhook shape', async () => {
    shopify.shop(B).addOrder({ id: 6100, lines: [{ sku: 'TEE-M', quantity: 1, price: '25.00' }], updatedAt: '2026-11-01T10:00:00.000Z' });
    shopify.shop(B).addOrder({ id: 6101, lines: [{ sku: 'MUG', quantity: 3, price: '12.00' }], updatedAt: '2026-11-02T10:00:00.000Z' });
    const page = await call<{ orders: { id: string }[]; nextCursor: string | null }>(
      'GET',
      `orders?shop=${B}&updatedSince=2026-11-01T12:00:00Z`,
    );
    expect(page.status).toBe(200);
    expect(page.body.orders.map((o) => o.id)).toContain('gid://shopify/Order/6101');
    expect(page.body.orders.map((o) => o.id)).not.toContain('gid://shopify/Order/6100');
    const one = await call<{
      body: { admin_graphql_api_id: string; line_items: { sku: string; quantity: number; price: string }[]; total_price: string };
    }>('GET', `orders/6101?shop=${B}`);
    expect(one.body.body).toMatchObject({
      admin_graphql_api_id: 'gid://shopify/Order/6101',
      total_price: '36.00',
      line_items: [{ sku: 'MUG', quantity: 3, price: '12.00' }],
    });
  });

  it('registers webhook subscriptions and lists them', async () => {
    const r = await call<{ topic: string; uri: string }>('POST', 'webhook-subscriptions', {
      shop: A,
      topic: 'ORDERS_CREATE',
      uri: 'https://weft.example/v1/webhooks/shopify',
    });
    expect(r.status).toBe(200);
    const list = await call<{ topic: string }[]>('GET', `webhook-subscriptions?shop=${A}`);
    expect(list.body.map((w) => w.topic)).toEqual(['ORDERS_CREATE']);
  });

  it('an unknown shop is a problem, not a 5xx', async () => {
    const r = await call<{ shopifyCode: string }>('POST', 'refunds', {
      shop: 'nope.myshopify.com',
      orderId: '1',
      refundKey: 'x',
      amountMinor: 1,
      currency: 'USD',
    });
    expect(r.status).toBe(422);
    expect(r.body.shopifyCode).toBe('shopify-shop-not-configured');
  });
});
