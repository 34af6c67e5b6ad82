import { DataSource } from 'typeorm';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { ErpStockRow } from '../../apps/system-api/src/erp/reference/reference-erp.entities';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import {
  DEV_SHOP_DOMAIN,
  DEV_SHOPIFY_SECRET,
  LocalShopifyAdmin,
  paidShopifyOrder,
  postShopifyWebhook,
  shopifyFixture,
  shopifyOrderKey,
  startStack,
  Stack,
  waitFor,
} from '@weft/testing';

interface Order {
  id: string;
  state: string;
}

/**
 * A cancellation decided in Weft reaches the shop: an operator discards a backordered Shopify order from
 * the exception queue, the workflow cancels it with compensation, and the write-back cancels the Shopify
 * order (orderCancel, executed by the local Admin server on the vendored schema) once. Before, the
 * workflow labelled every cancellation as the channel's, and the write-back skipped it as an echo.
 */
describe('Shopify: a cancellation decided in Weft cancels the Shopify order', () => {
  const shopify = new LocalShopifyAdmin();
  let stack: Stack;
  let ops: string;
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    await shopify.start();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: shopify.shopsEnv(DEV_SHOP_DOMAIN, 'shpat_cancel_token', [DEV_SHOPIFY_SECRET]),
        SHOPIFY_CATCH_UP_INTERVAL_MS: '0',
        DOWNSTREAM_TIMEOUT_MS: '30000',
        // The default stock recheck (60 s): a recheck running when the operator discards must not delay the cancel by it.
      },
    );
    ops = await stack.serviceToken({ audience: 'process-api', scope: 'process:read process:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${stack.urls.process}/v1/${path}`, {
      method,
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json', 'x-weft-actor': 'ops.maria' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const find = async (id: string): Promise<Order> =>
    (await call<Order[]>('GET', `orders?source=shopify&externalId=${shopifyOrderKey(id)}`)).body[0];
  const cancels = () => shopify.calls.filter((c) => c.operation === 'orderCancel' && c.status === 200 && !c.throttled).length;

  it('an operator discarding a backordered order cancels it in Shopify, once', async () => {
    const id = '950001';
    const local = shopify.shop(DEV_SHOP_DOMAIN).addOrder({ id: Number(id), lines: [{ sku: 'SKU2006-001', quantity: 1, price: '404.95' }] });
    // No stock anywhere in the ERP: the paid order is backordered and lands in the exception queue.
    await stack.apps[0].get(DataSource).getRepository(ErpStockRow).createQueryBuilder().update().set({ onHand: 0 }).execute();
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id))).status).toBe(200);
    const backordered = await waitFor(
      'BACKORDERED',
      () => find(id),
      (o) => o?.state === 'BACKORDERED',
    );

    const discarded = await call('POST', `ops/exceptions/order/${backordered.id}/discard`, { reason: 'customer called to cancel' });
    expect(discarded.status).toBe(200);
    await waitFor(
      'CANCELLED',
      () => find(id),
      (o) => o?.state === 'CANCELLED',
      // Well inside the 60 s recheck: a cancel that waited for the next recheck fails here.
      20_000,
    );
    await waitFor(
      'Shopify order cancelled',
      async () => local.cancelledAt,
      (at) => at !== null,
      60_000,
    );
    expect(cancels()).toBe(1);
  });
});
