import { randomUUID } from 'node:crypto';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { EventType } from '@weft/events';
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
  businessKey?: string;
  erp: { salesOrderId: string | null };
  timeline: { from: string | null; to: string; cause: string }[];
}

/**
 * A cancellation decided in the ERP reaches the shop: a Shopify order the ERP accepted is cancelled by
 * the ERP's own users; system-api's cancellation feed reports it, process-api cancels the order without
 * asking the ERP again, and the write-back cancels the Shopify order (orderCancel on the local Admin
 * server) exactly once, however often the cancellation is seen.
 */
describe('Shopify: a cancellation decided in the ERP cancels the Shopify order', () => {
  const shopify = new LocalShopifyAdmin();
  let stack: Stack;
  let ops: string;
  let system: string;
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    await shopify.start();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: shopify.shopsEnv(DEV_SHOP_DOMAIN, 'shpat_erp_cancel_token', [DEV_SHOPIFY_SECRET]),
        SHOPIFY_CATCH_UP_INTERVAL_MS: '0',
        DOWNSTREAM_TIMEOUT_MS: '30000',
        ERP_CANCELLATION_POLL_MS: '100',
      },
    );
    ops = await stack.serviceToken({ audience: 'process-api', scope: 'process:read process:write' });
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  const call = async <T>(
    base: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}/v1/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const find = async (id: string): Promise<Order> =>
    (await call<Order[]>(stack.urls.process, ops, 'GET', `orders?source=shopify&externalId=${shopifyOrderKey(id)}`)).body[0];
  const cancels = () => shopify.calls.filter((c) => c.operation === 'orderCancel' && c.status === 200 && !c.throttled).length;
  /** The event system-api's feed emits, sent again under a new id (as after the dedupe records were pruned). */
  const redeliver = (order: Order, id: string) =>
    call<{ status: string; detail?: string }>(stack.urls.process, ops, 'POST', 'erp-events', {
      specversion: '1.0',
      id: randomUUID(),
      source: '/weft/system-api/erp',
      type: EventType.ErpSalesOrderCancelled,
      time: new Date().toISOString(),
      data: {
        salesOrderId: order.erp.salesOrderId,
        externalReference: `shopify:${shopifyOrderKey(id)}`,
        cancelledAt: new Date().toISOString(),
      },
    });

  it('the ERP cancelling an accepted order cancels it in Weft and in Shopify, once', async () => {
    const id = '960001';
    const local = shopify.shop(DEV_SHOP_DOMAIN).addOrder({ id: Number(id), lines: [{ sku: 'SKU2006-001', quantity: 1, price: '404.95' }] });
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id))).status).toBe(200);
    const accepted = await waitFor(
      'ACCEPTED_BY_ERP',
      () => find(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );

    // The ERP's own user cancels the sales order (the reference ERP's cancel, as its UI would).
    const erpCancel = await call<{ state: string }>(
      stack.urls.system,
      system,
      'POST',
      `erp/sales-orders/${accepted.erp.salesOrderId}/cancel`,
    );
    expect(erpCancel).toMatchObject({ status: 200, body: { state: 'cancelled' } });

    const cancelled = await waitFor(
      'CANCELLED',
      () => find(id),
      (o) => o?.state === 'CANCELLED',
      20_000,
    );
    expect(cancelled.timeline.at(-1)?.cause).toMatch(/^cancelled in the ERP/);
    await waitFor(
      'Shopify order cancelled',
      async () => local.cancelledAt,
      (at) => at !== null,
      60_000,
    );

    // Seen again (the feed re-reads its watermark; a redelivery after dedupe expired): nothing more happens.
    expect((await redeliver(accepted, id)).body).toMatchObject({ status: 'ignored', detail: 'already cancelled' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(cancels()).toBe(1);
    expect((await find(id)).timeline.filter((t) => t.to === 'CANCELLED')).toHaveLength(1);
  });

  it('an ERP cancellation of an order that already shipped is noted for a person, not pushed to the shop', async () => {
    const id = '960002';
    const local = shopify.shop(DEV_SHOP_DOMAIN).addOrder({ id: Number(id), lines: [{ sku: 'SKU2006-001', quantity: 1, price: '404.95' }] });
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id))).status).toBe(200);
    const accepted = await waitFor(
      'ACCEPTED_BY_ERP',
      () => find(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    await call(stack.urls.system, system, 'POST', `erp/sales-orders/${accepted.erp.salesOrderId}/shipments`, { shipmentKey: `ship-${id}` });
    await waitFor(
      'COMPLETED',
      () => find(id),
      (o) => o?.state === 'COMPLETED',
    );
    const before = cancels();
    // The reference ERP refuses to cancel a shipped order; a real ERP's users may still do it (a correction).
    expect((await redeliver(accepted, id)).body).toMatchObject({ status: 'ignored', detail: 'noted: the order is COMPLETED' });
    const after = await find(id);
    expect(after.state).toBe('COMPLETED');
    expect(after.timeline.at(-1)?.cause).toMatch(/needs a person/);
    expect(cancels()).toBe(before);
    expect(local.cancelledAt).toBeNull();
  });
});
