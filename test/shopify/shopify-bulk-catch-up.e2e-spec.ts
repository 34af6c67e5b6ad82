import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { DEV_SHOP_DOMAIN, DEV_SHOPIFY_SECRET, LocalShopifyAdmin, startStack, Stack, waitFor } from '@weft/testing';

interface Order {
  id: string;
  state: string;
}

const DAY = 86_400_000;

/**
 * A catch-up over a large window runs as one Shopify bulk operation (bulkOperationRunQuery, polled
 * through node(id:), its JSONL result read back), executed by the local Admin server on the vendored
 * 2026-10 schema, and finds an order whose webhook never came.
 */
describe('Shopify: a catch-up over a large window goes through a bulk operation', () => {
  const shopify = new LocalShopifyAdmin();
  let stack: Stack;
  let ops: string;

  beforeAll(async () => {
    await shopify.start();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: shopify.shopsEnv(DEV_SHOP_DOMAIN, 'shpat_bulk_token', [DEV_SHOPIFY_SECRET]),
        SHOPIFY_CATCH_UP_INTERVAL_MS: '0',
        SHOPIFY_CATCH_UP_BULK_AFTER_DAYS: '7',
        SHOPIFY_BULK_POLL_MS: '50',
        DOWNSTREAM_TIMEOUT_MS: '30000',
      },
    );
    ops = await stack.serviceToken({ audience: 'process-api', scope: 'process:read process:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.urls.process}/v1/${path}`, {
      method,
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const find = async (id: string): Promise<Order | undefined> =>
    (await call<Order[]>('GET', `orders?source=shopify&externalId=${DEV_SHOP_DOMAIN}:${id}`))[0];
  const ran = (operation: string) => shopify.calls.filter((c) => c.operation === operation && c.status === 200 && !c.throttled).length;

  it('a 30-day catch-up runs one bulk operation and feeds the order whose webhook was lost', async () => {
    const shop = shopify.shop(DEV_SHOP_DOMAIN);
    shop.addOrder({
      id: 970001,
      lines: [{ sku: 'SKU2006-001', quantity: 1, price: '404.95' }],
      updatedAt: new Date(Date.now() - 12 * DAY).toISOString(),
    });
    // Outside the window: the bulk query's search leaves it out.
    shop.addOrder({
      id: 970002,
      lines: [{ sku: 'SKU2006-001', quantity: 1, price: '404.95' }],
      updatedAt: new Date(Date.now() - 45 * DAY).toISOString(),
    });
    expect(await find('970001')).toBeUndefined();

    const run = await call<{ via: string; seen: number; fed: number; fedOrders: string[] }>('POST', 'ops/shopify/catch-up', {
      shop: DEV_SHOP_DOMAIN,
      since: new Date(Date.now() - 30 * DAY).toISOString(),
    });

    expect(run).toMatchObject({ via: 'bulk', seen: 1, fed: 1, fedOrders: ['#970001'] });
    expect(ran('bulkOperationRunQuery')).toBe(1);
    expect(ran('bulkResult')).toBe(1);
    // No paging through `orders`: the bulk operation replaced it.
    expect(ran('orders')).toBe(0);
    const [op] = [...shop.bulkOperations.values()];
    expect(op).toMatchObject({ status: 'COMPLETED', objectCount: 1 });
    expect(op.query).toMatch(/^query WeftBulkOrdersUpdatedSince/);
    await waitFor(
      'the caught-up order accepted by the ERP',
      () => find('970001'),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    expect(await find('970002')).toBeUndefined();

    // A short window still pages with a query.
    const short = await call<{ via: string; fed: number }>('POST', 'ops/shopify/catch-up', {
      shop: DEV_SHOP_DOMAIN,
      since: new Date(Date.now() - DAY).toISOString(),
    });
    expect(short).toMatchObject({ via: 'query', fed: 0 });
    expect(ran('bulkOperationRunQuery')).toBe(1);
  });
});
