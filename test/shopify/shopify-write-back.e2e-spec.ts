import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { LayerClient } from '@weft/clients';
import { loadConfig, WeftConfig } from '@weft/config';
import { ServiceTokenSigner } from '@weft/gateway';
import { LocalShopifyAdmin, startStack, Stack, waitFor } from '@weft/testing';
import { catchUpShop } from '../../tools/shopify-catch-up';
import { REQUIRED_TOPICS, subscribeShop } from '../../tools/shopify-subscribe';

const SHOP = 'weft-dev.myshopify.com';

interface Order {
  id: string;
  state: string;
  erp: { salesOrderId: string | null; orderNumber: string | null };
}

/**
 * Weft's decisions reaching a shop: the three apps over real HTTP, system-api's Admin API client
 * pointed at a local server that executes the operations on Shopify's published 2026-10 schema.
 */
describe('Shopify write-back and catch-up (process-api decides, system-api writes)', () => {
  const shopify = new LocalShopifyAdmin({ maximumAvailable: 1000, restoreRate: 100 });
  let stack: Stack;
  let ops: string;
  let erp: string;

  beforeAll(async () => {
    await shopify.start();
    shopify.shop(SHOP, 'shpat_write_back_token');
    const shops = [
      {
        domain: SHOP,
        webhookSecrets: ['test-webhook-secret'],
        adminAccessToken: 'shpat_write_back_token',
        adminApiUrl: shopify.adminApiUrl(SHOP),
      },
    ];
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: JSON.stringify(shops),
        SHOPIFY_CATCH_UP_INTERVAL_MS: '0',
        // Till batches of ten take a few seconds on a shared CI machine; the default 5 s would cut them off.
        DOWNSTREAM_TIMEOUT_MS: '30000',
        INVENTORY_PUSH_DEBOUNCE_MS: '1000',
        SHOPIFY_INVENTORY_MAP: '{"items":{"1001":"CASE-LEATHER-PREM"},"locations":{"2002":"STORE-001"}}',
      },
    );
    ops = await stack.serviceToken({ audience: 'process-api', scope: 'process:read process:write' });
    erp = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  const processCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.urls.process}/v1/${path}`, {
      method,
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const order = async (externalId: string): Promise<Order | undefined> =>
    (await processCall<Order[]>('GET', `orders?source=shopify&externalId=${SHOP}:${externalId}`))[0];

  it('catch-up finds an order whose webhook never came, feeds it to intake once, and the ERP number reaches Shopify as a tag', async () => {
    const placed = shopify.shop(SHOP).addOrder({
      id: 880001,
      lines: [
        { sku: 'WEFT-TEE-BLK-M', quantity: 2, price: '25.00' },
        { sku: 'CASE-LEATHER-PREM', quantity: 1, price: '24.99' },
      ],
      groups: [['WEFT-TEE-BLK-M'], ['CASE-LEATHER-PREM']],
      updatedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(await order('880001')).toBeUndefined();
    const run = await processCall<{ fed: number; fedOrders: string[]; watermark: string }>('POST', 'ops/shopify/catch-up', { shop: SHOP });
    expect(run.fed).toBe(1);
    expect(run.fedOrders).toEqual(['#880001']);
    const accepted = await waitFor(
      'order accepted by the ERP',
      () => order('880001'),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    expect(accepted!.erp.orderNumber).toBeTruthy();
    await waitFor(
      'ERP number tagged in Shopify',
      async () => placed.tags,
      (t) => t.includes(`ERP:${accepted!.erp.orderNumber}`),
    );

    // A second run sees the order again (the overlap) and feeds nothing: Weft has it.
    const again = await processCall<{ fed: number; seen: number }>('POST', 'ops/shopify/catch-up', {
      shop: SHOP,
      since: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(again).toMatchObject({ fed: 0 });
    expect(again.seen).toBeGreaterThanOrEqual(1);
    const states = await processCall<{ shop: string; watermark: string }[]>('GET', 'ops/shopify/catch-up');
    expect(states.find((s) => s.shop === SHOP)?.watermark).toBe(run.watermark);
  });

  it('a split ERP shipment gives two fulfilments with tracking, and a shipment confirmed twice creates one', async () => {
    const o = (await order('880001'))!;
    const ship = (body: unknown) =>
      fetch(`${stack.urls.system}/v1/erp/sales-orders/${o.erp.salesOrderId}/shipments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${erp}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = (r: Response) => expect([200, 201]).toContain(r.status);
    const first = {
      shipmentKey: 'WMS-880001-1',
      lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 2 }],
      carrier: 'UPS',
      trackingNumber: '1ZWEFT0001',
    };
    ok(await ship(first));
    ok(await ship(first));
    ok(
      await ship({
        shipmentKey: 'WMS-880001-2',
        lines: [{ sku: 'CASE-LEATHER-PREM', quantity: 1 }],
        carrier: 'DHL',
        trackingNumber: 'JD0002',
      }),
    );
    const local = shopify.shop(SHOP).orders.get('gid://shopify/Order/880001')!;
    await waitFor(
      'two fulfilments in Shopify',
      async () => local.fulfillments.length,
      (n) => n >= 2,
    );
    await waitFor(
      'order fulfilled in Weft',
      () => order('880001'),
      (x) => ['FULFILLED', 'INVOICED', 'COMPLETED'].includes(x!.state),
    );
    // The two shipments are separate events; a throttled or redelivered first one may land second, and
    // Shopify keeps fulfilments in creation order, so the assertion is on the set, not the sequence.
    const tracking = local.fulfillments.map((f) => f.trackingInfo[0]!);
    expect([...tracking].sort((a, b) => (a.number ?? '').localeCompare(b.number ?? ''))).toEqual([
      { number: '1ZWEFT0001', company: 'UPS', url: null },
      { number: 'JD0002', company: 'DHL', url: null },
    ]);
    expect(local.fulfillmentOrders.map((fo) => fo.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(shopify.calls.filter((c) => c.operation === 'fulfillmentCreate' && !c.throttled)).toHaveLength(2);
  });

  it('a Weft return of a Shopify order refunds through refundCreate, once', async () => {
    const o = (await order('880001'))!;
    const desk = await stack.token({ sub: 'cs-desk', scope: 'orders:read:all returns:read returns:write' });
    const edge = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${stack.urls.experience}/v1/${path}`, {
        method,
        headers: { authorization: `Bearer ${desk}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const created = await edge<{ id: string; state: string }>(
      'POST',
      'returns',
      { orderId: o.id, lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, reasonCode: 'damaged', condition: 'opened' }] },
      { 'idempotency-key': '"ret-880001-1"' },
    );
    expect(created.status).toBe(201);
    const receipt = { lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, disposition: 'restock', locationId: 'WH-MAIN' }] };
    expect((await edge('POST', `returns/${created.body.id}/receipt`, receipt)).status).toBe(200);
    const closed = await waitFor(
      'return refunded',
      async () => (await edge<{ state: string; refundId: string | null }>('GET', `returns/${created.body.id}`)).body,
      (r) => r.state === 'CLOSED' || r.state === 'EXCEPTION',
    );
    const local = shopify.shop(SHOP).orders.get('gid://shopify/Order/880001')!;
    expect(closed.state).toBe('CLOSED');
    expect(local.refunds).toHaveLength(1);
    expect(closed.refundId).toBe(local.refunds[0].id);
    expect(local.refunds[0]).toMatchObject({ amount: '25.00' });
    expect(shopify.calls.filter((c) => c.operation === 'refundCreate' && !c.throttled)).toHaveLength(1);
  });

  it('50 stock changes on one SKU in a burst become a few inventory writes (one per 1 s coalescing window at most) carrying the last value', async () => {
    const pos = await stack.token({ sub: 'register', scope: 'pos:write', claims: { store_id: 'STORE-001' } });
    const read = await stack.token({ sub: 'storefront', scope: 'inventory:read' });
    const before = shopify.calls.filter((c) => c.operation === 'inventorySetQuantities').length;
    // 50 till sales of the SKU, in five batches of ten from one register: 50 availability changes in a burst.
    const burstStarted = Date.now();
    for (let r = 0; r < 5; r++) {
      const batch = await fetch(`${stack.urls.experience}/v1/pos/sales`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pos}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          storeId: 'STORE-001',
          registerId: 'R1',
          sales: Array.from({ length: 10 }, (_, i) => ({
            saleId: `burst-50-${r}-${i}`,
            occurredAt: new Date().toISOString(),
            currency: 'USD',
            lines: [{ sku: 'CASE-LEATHER-PREM', quantity: 1, unitPriceMinor: 2499 }],
            tenders: [{ type: 'card', amountMinor: 2499 }],
          })),
        }),
      });
      expect(batch.status).toBe(200);
    }
    const burstMs = Date.now() - burstStarted;
    const shopifyAvailable = async () => {
      const inv = (await (
        await fetch(`${stack.urls.experience}/v1/inventory/CASE-LEATHER-PREM`, { headers: { authorization: `Bearer ${read}` } })
      ).json()) as {
        locations: { locationId: string; channels: Record<string, number> }[];
      };
      return inv.locations.find((l) => l.locationId === 'STORE-001')!.channels.shopify;
    };
    const level = () => shopify.shop(SHOP).inventory.get('gid://shopify/InventoryItem/1001|gid://shopify/Location/2002');
    const settled = await waitFor(
      'Shopify holds Weft’s final figure',
      async () => ({
        weft: await shopifyAvailable(),
        shop: level(),
        writes: await processCall<{ status: string; available: number }[]>('GET', 'channel-inventory-writes?sku=CASE-LEATHER-PREM'),
      }),
      (s) => s.shop !== undefined && s.shop === s.weft && s.writes.at(-1)?.available === s.weft,
    );
    const writes = shopify.calls.filter((c) => c.operation === 'inventorySetQuantities' && !c.throttled).length - before;
    expect(writes).toBeGreaterThanOrEqual(1);
    // The window does not slide, so a burst spread over burstMs flushes at most once per second of it.
    expect(writes).toBeLessThanOrEqual(Math.ceil(burstMs / 1000) + 1);
    expect(writes).toBeLessThan(50 / 4);
    expect(settled.writes.map((w) => w.status)).toEqual(settled.writes.map(() => 'written'));
  });

  const cliClient = (baseUrl: string, scope: string) =>
    new LayerClient(
      { caller: 'weft-cli', audience: baseUrl === stack.urls.system ? 'system-api' : 'process-api', baseUrl, timeoutMs: 60_000, scope },
      new ServiceTokenSigner(loadConfig(WeftConfig, stack.env)),
    );

  it('npm run shopify:catch-up pages through process-api with progress and feeds the order whose webhook was lost', async () => {
    shopify.shop(SHOP).addOrder({ id: 880002, lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, price: '25.00' }] });
    const progress: [number, number, number][] = [];
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const summary = await catchUpShop(cliClient(stack.urls.process, 'process:read process:write'), SHOP, since, (t, s, f) =>
      progress.push([t, s, f]),
    );
    // #880001 may come again too: Weft's own fulfilments made Shopify's copy newer than Weft's.
    expect(summary.fed).toContain('#880002');
    expect(summary.total).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toEqual([summary.total, summary.seen, summary.fed.length]);
    await waitFor(
      'caught-up order in Weft',
      () => order('880002'),
      (o) => o !== undefined,
    );
    expect((await catchUpShop(cliClient(stack.urls.process, 'process:read process:write'), SHOP, since)).fed).toEqual([]);
  });

  it('npm run shopify:subscribe registers every topic the edge forwards, once, and lists them', async () => {
    const system = cliClient(stack.urls.system, 'system:read system:write');
    const address = 'https://weft.example/v1/webhooks/shopify';
    const first = await subscribeShop(system, SHOP, address);
    expect(first.missing).toEqual([]);
    expect(first.registered.map((s) => s.topic).sort()).toEqual(REQUIRED_TOPICS);
    const again = await subscribeShop(system, SHOP, address);
    expect(again.registered).toHaveLength(REQUIRED_TOPICS.length);
  });
});
