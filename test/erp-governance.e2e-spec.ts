import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { ErpError } from '../apps/system-api/src/erp/erp.errors';
import { ReferenceErpAdapter } from '../apps/system-api/src/erp/reference/reference.erp-adapter';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';

describe('ERP governance and fulfilment', () => {
  let stack: Stack;
  let system: string;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50', ERP_LATENCY_MS: '40' },
    );
    // Hammering system-api directly takes a Weft service token (as process-api presents it).
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
  });
  afterAll(() => stack.close());

  it('the reference ERP refuses a sixth concurrent call (429), and system-api queues callers instead of passing that on', async () => {
    const erp = stack.apps[0].get(ReferenceErpAdapter);
    const direct = await Promise.allSettled(Array.from({ length: 6 }, () => erp.getStock(['SKU2006-001'])));
    const refused = direct.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as ErpError);
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(/concurrency limit of 5 exceeded \(429\)/);

    const viaApi = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${stack.urls.system}/v1/erp/stock?skus=SKU2006-001`, { headers: { authorization: `Bearer ${system}` } }),
      ),
    );
    expect(viaApi.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it('split shipments move an order to PARTIALLY_FULFILLED, then FULFILLED, and a partner only sees its own orders', async () => {
    const partner = await stack.token({ sub: 'partner-a', scope: 'orders:read orders:write', partnerId: 'partner-a' });
    const other = await stack.token({ sub: 'partner-b', scope: 'orders:read orders:write', partnerId: 'partner-b' });
    const res = await fetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner}`, 'content-type': 'application/json', 'idempotency-key': '"split-1"' },
      body: JSON.stringify({
        externalId: 'PO-77',
        currency: 'USD',
        paymentStatus: 'paid',
        lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 3, unitPriceMinor: 2500 }],
      }),
    });
    expect(res.status).toBe(201);
    const placed = (await res.json()) as { id: string; channel: string; partnerId: string };
    expect(placed).toMatchObject({ channel: 'partner', partnerId: 'partner-a' });
    expect((await fetch(`${stack.urls.experience}/v1/orders/${placed.id}`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(
      404,
    );

    const get = async () =>
      (await (
        await fetch(`${stack.urls.experience}/v1/orders/${placed.id}`, { headers: { authorization: `Bearer ${partner}` } })
      ).json()) as { state: string; erp: { salesOrderId: string } };
    const accepted = await waitFor('ACCEPTED_BY_ERP', get, (o) => o.state === 'ACCEPTED_BY_ERP');
    expect(accepted.erp.salesOrderId).toBeTruthy();
    // The warehouse that ships confirms at the edge, with its own channel token.
    const warehouse = await stack.token({ sub: 'warehouse-3pl', scope: 'shipments:write' });
    const ship = (key: string, quantity: number) =>
      fetch(`${stack.urls.experience}/v1/shipments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${warehouse}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: placed.id, shipmentKey: key, lines: [{ sku: 'WEFT-TEE-BLK-M', quantity }] }),
      });
    expect((await ship('box-1', 1)).status).toBe(200);
    await waitFor('PARTIALLY_FULFILLED', get, (o) => o.state === 'PARTIALLY_FULFILLED');
    expect((await ship('box-1', 1)).status).toBe(200); // the same shipment confirmed twice counts once
    expect((await ship('box-2', 2)).status).toBe(200);
    await waitFor('COMPLETED', get, (o) => o.state === 'COMPLETED');
    const over = await ship('box-3', 1);
    expect(over.status).toBe(422); // nothing left to ship: a business-rule problem
  });
});

describe('an ERP that keeps failing', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        ERP_FAILURE_RATE: '1',
        WORKFLOW_RETRY_BASE_MS: '50',
        WORKFLOW_RETRY_MAX_MS: '200',
        WORKFLOW_GIVE_UP_AFTER: '1500ms',
      },
    );
  });
  afterAll(() => stack.close());

  it('waits in WAITING_FOR_ERP with the reason and next attempt, FAILED only when the budget is spent; an operator can retry it', async () => {
    const id = '600000000000000001';
    const res = await postShopifyWebhook(
      stack.urls.experience,
      'orders/create',
      paidShopifyOrder(shopifyFixture('orders-create.json'), id),
      { eventId: 'failing-erp' },
    );
    expect(res.status).toBe(200);
    const read = await stack.token({ sub: 'ops', scope: 'orders:read orders:read:all' });
    const find = async () =>
      (
        (await (
          await fetch(`${stack.urls.experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, {
            headers: { authorization: `Bearer ${read}` },
          })
        ).json()) as { id: string; state: string; lastError: string; timeline: { to: string; cause: string }[] }[]
      )[0];
    const failed = await waitFor('FAILED', find, (o) => o?.state === 'FAILED', 30_000);
    const waited = failed.timeline.find((t) => t.to === 'WAITING_FOR_ERP');
    expect(waited?.cause).toMatch(/^waiting: step submit-to-erp in VALIDATED: downstream-unavailable: .*; next attempt at \d{4}-/);
    expect(failed.timeline.at(-1)!.cause).toMatch(
      /step submit-to-erp failed in VALIDATED after waiting \d+ (ms|s) \(\d+ attempt\(s\)\): downstream-unavailable/,
    );
    expect(failed.lastError).toMatch(/downstream-unavailable/);

    const ops = await stack.token({ sub: 'ops-alice', scope: 'ops:write' });
    const retry = await fetch(`${stack.urls.experience}/v1/ops/orders/${failed.id}/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(retry.status).toBe(200);
    const again = await waitFor(
      'FAILED again',
      find,
      (o) => o?.state === 'FAILED' && o.timeline.filter((t) => t.to === 'FAILED').length === 2,
      30_000,
    );
    expect(again.timeline.some((t) => t.cause === 'retried by an operator')).toBe(true);
  });
});
