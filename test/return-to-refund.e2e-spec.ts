import { randomUUID } from 'node:crypto';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';

interface Ret {
  id: string;
  state: string;
  refundTotalMinor: number;
  refundedByChannel: boolean;
  refundId: string | null;
  erpCreditNoteId: string | null;
  lines: { sku: string; refundMinor: number }[];
  timeline: { to: string; cause: string }[];
}
interface Order {
  id: string;
  state: string;
  erp: { salesOrderId: string | null };
}

const APPS = { system: createSystemApi, process: createProcessApi, experience: createExperienceApi };

async function harness(stack: Stack) {
  const channel = await stack.token({
    sub: 'cs-desk',
    scope: 'orders:read orders:read:all orders:write returns:read returns:write pos:write',
    claims: { store_id: 'STORE-001' },
  });
  // Reading ERP stock directly takes a Weft service token; the warehouse ships through the edge.
  const system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
  const warehouse = await stack.token({ sub: 'warehouse-3pl', scope: 'shipments:write' });
  const call = async <T>(
    method: string,
    url: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Headers }> => {
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
  const x = stack.urls.experience;
  const s = stack.urls.system;
  return {
    call,
    channel,
    system,
    warehouse,
    order: async (id: string) => (await call<Order>('GET', `${x}/v1/orders/${id}`, channel)).body,
    ret: async (id: string) => (await call<Ret>('GET', `${x}/v1/returns/${id}`, channel)).body,
    stock: async (sku: string, loc: string) =>
      (await call<{ onHand: number }[]>('GET', `${s}/v1/erp/stock?skus=${sku}&locationId=${loc}`, system)).body[0]?.onHand ?? 0,
    requestReturn: (body: unknown, key = randomUUID()) =>
      call<Ret & { rule?: string }>('POST', `${x}/v1/returns`, channel, body, { 'idempotency-key': `"${key}"` }),
    /** A POS sale, fulfilled at the till, whose lines carry discount and tax shares. */
    posSale: async (storeId: string, currency: string, lines: unknown[], total: number) => {
      const saleId = randomUUID().slice(0, 8);
      const res = await call<{ results: { status: string; orderId: string }[] }>('POST', `${x}/v1/pos/sales`, channel, {
        storeId,
        registerId: 'R1',
        sales: [{ saleId, occurredAt: new Date().toISOString(), currency, lines, tenders: [{ type: 'card', amountMinor: total }] }],
      });
      expect(res.body.results[0].status).toBe('accepted');
      const orderId = res.body.results[0].orderId;
      await waitFor(
        'till fulfilment',
        async () => (await call<Order>('GET', `${x}/v1/orders/${orderId}`, channel)).body,
        (o) => o.state === 'COMPLETED',
      );
      return { orderId, saleId };
    },
  };
}

describe('return-to-refund', () => {
  let stack: Stack;
  let h: Awaited<ReturnType<typeof harness>>;
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    stack = await startStack(APPS, { WORKFLOW_POLL_MS: '50', ERP_TAX_CODES: '{"tax@*":"SALES-TAX"}' });
    h = await harness(stack);
  });
  afterAll(() => stack.close());

  const shippedShopifyOrder = async (id: string): Promise<Order> => {
    expect(
      (await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id), { eventId: `ret-${id}` })).status,
    ).toBe(200);
    const found = await waitFor(
      'order',
      async () =>
        (await h.call<Order[]>('GET', `${stack.urls.experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, h.channel))
          .body[0],
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    expect(
      (await h.call('POST', `${stack.urls.experience}/v1/shipments`, h.warehouse, { orderId: found.id, shipmentKey: `ship-${id}` })).status,
    ).toBe(200);
    return waitFor(
      'COMPLETED',
      () => h.order(found.id),
      (o) => o.state === 'COMPLETED',
    );
  };

  it('order → fulfil → return → receipt with restock → credit memo → refund → CLOSED; stock back at the right location; replays change nothing', async () => {
    const order = await shippedShopifyOrder('700000000000000001');
    const before = await h.stock('SKU2006-020', 'STORE-001');
    const key = randomUUID();
    const created = await h.requestReturn(
      { orderId: order.id, lines: [{ sku: 'SKU2006-020', quantity: 1, reasonCode: 'damaged', condition: 'opened' }] },
      key,
    );
    expect(created.status).toBe(201);
    // 159.99 less the lounger's share of the fixture's unallocated 20.00 order discount (7.71, largest remainder).
    expect(created.body).toMatchObject({ state: 'APPROVED', refundTotalMinor: 15228 });

    const replay = await h.requestReturn(
      { orderId: order.id, lines: [{ sku: 'SKU2006-020', quantity: 1, reasonCode: 'damaged', condition: 'opened' }] },
      key,
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(created.body.id);

    const receipt = { lines: [{ sku: 'SKU2006-020', quantity: 1, disposition: 'restock', locationId: 'STORE-001' }] };
    const r1 = await h.call<Ret>('POST', `${stack.urls.experience}/v1/returns/${created.body.id}/receipt`, h.channel, receipt);
    expect(r1.status).toBe(200);
    await h.call<Ret>('POST', `${stack.urls.experience}/v1/returns/${created.body.id}/receipt`, h.channel, receipt);
    const closed = await waitFor(
      'CLOSED',
      () => h.ret(created.body.id),
      (r) => r.state === 'CLOSED',
    );
    expect(closed.timeline.map((t) => t.to)).toEqual(['REQUESTED', 'APPROVED', 'RECEIVED', 'CREDIT_POSTED', 'REFUNDED', 'CLOSED']);
    expect(closed.erpCreditNoteId).toBeTruthy();
    expect(closed.refundId).toMatch(/^RF-/);
    // The credit note credits what the refund paid back, and says which discount share that included.
    const so = await h.call<{
      invoices: { invoiceId: string; kind: string; totalMinor: number; discountMinor: number; taxMinor: number }[];
    }>('GET', `${stack.urls.system}/v1/erp/sales-orders/${order.erp.salesOrderId}`, h.system);
    expect(so.body.invoices.find((i) => i.invoiceId === closed.erpCreditNoteId)).toMatchObject({
      kind: 'credit-note',
      totalMinor: 15228,
      discountMinor: 771,
      taxMinor: 0,
    });
    expect(await h.stock('SKU2006-020', 'STORE-001')).toBe(before + 1);

    const again = await h.requestReturn({ orderId: order.id, lines: [{ sku: 'SKU2006-020', quantity: 1, reasonCode: 'damaged' }] });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('quantity');
  });

  it('refuses a return that breaks a rule with a 422 naming it, storing nothing', async () => {
    const order = await shippedShopifyOrder('700000000000000002');
    const cases: [unknown[], string][] = [
      [[{ sku: 'LENS-PROTECT-2YR', quantity: 1, reasonCode: 'damaged' }], 'non-returnable'],
      [[{ sku: 'SKU2006-001', quantity: 1, reasonCode: 'bored' }], 'reason-code'],
      [[{ sku: 'SKU2006-001', quantity: 2, reasonCode: 'damaged' }], 'quantity'],
    ];
    for (const [lines, rule] of cases) {
      const res = await h.requestReturn({ orderId: order.id, lines });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body.rule).toBe(rule);
    }
  });

  it('records a Shopify-admin refund once, credits it in the ERP, and does not refund it again', async () => {
    const order = await shippedShopifyOrder('700000000000000003');
    const stockBefore = await h.stock('SKU2006-001', 'WH-MAIN');
    const refund = shopifyFixture('refunds-create.json').replace(/"order_id": 820982911946154500/g, '"order_id": 700000000000000003');
    for (const eventId of ['refund-evt-1', 'refund-evt-1', 'refund-evt-2']) {
      expect((await postShopifyWebhook(stack.urls.experience, 'refunds/create', refund, { eventId })).status).toBe(200);
    }
    const process = await stack.serviceToken({ audience: 'process-api', scope: 'process:read' });
    const found = await waitFor(
      'refund recorded',
      async () => {
        const res = await fetch(`${stack.urls.process}/v1/orders/${order.id}`, { headers: { authorization: `Bearer ${process}` } });
        return (await res.json()) as Order;
      },
      () => true,
    );
    expect(found.id).toBe(order.id);
    // One return for the refund, whatever the number of deliveries; refunded by Shopify, never by Weft.
    const returns = await waitFor(
      'closed channel refund',
      async () => {
        const res = await h.call<Ret[]>('GET', `${stack.urls.process}/v1/orders/${order.id}/returns`, process);
        return res.body;
      },
      (rs) => rs.length === 1 && rs[0].state === 'CLOSED',
    );
    expect(returns[0]).toMatchObject({ refundedByChannel: true, refundId: null, refundTotalMinor: 8500 });
    expect(returns[0].erpCreditNoteId).toBeTruthy();
    expect(returns[0].timeline.some((t) => /not refunded again/.test(t.cause))).toBe(true);
    expect(await h.stock('SKU2006-001', 'WH-MAIN')).toBe(stockBefore);
  });

  it('refunds the discounted, taxed share of a partial return of a multi-line order, in USD and in JPY', async () => {
    // USD: 2 × 89.99 with 18.00 discount and 14.40 tax on that line; 1 × 24.99 plain. Return 1 of the first.
    const usd = await h.posSale(
      'STORE-001',
      'USD',
      [
        { sku: 'SKU2006-001', quantity: 2, unitPriceMinor: 8999, discountMinor: 1800, taxMinor: 1440 },
        { sku: 'CASE-LEATHER-PREM', quantity: 1, unitPriceMinor: 2499 },
      ],
      17998 - 1800 + 1440 + 2499,
    );
    const u = await h.requestReturn({ orderId: usd.orderId, lines: [{ sku: 'SKU2006-001', quantity: 1, reasonCode: 'changed-mind' }] });
    expect(u.status).toBe(201);
    expect(u.body.refundTotalMinor).toBe(8819); // (17998 − 1800 + 1440) / 2
    await h.call('POST', `${stack.urls.experience}/v1/returns/${u.body.id}/receipt`, h.channel, {
      lines: [{ sku: 'SKU2006-001', quantity: 1, disposition: 'restock', locationId: 'STORE-001' }],
    });
    const credited = await waitFor(
      'credit memo',
      () => h.ret(u.body.id),
      (r) => !!r.erpCreditNoteId,
    );
    const usdOrder = await h.order(usd.orderId);
    const notes = await h.call<{ invoices: { invoiceId: string; totalMinor: number; discountMinor: number; taxMinor: number }[] }>(
      'GET',
      `${stack.urls.system}/v1/erp/sales-orders/${usdOrder.erp.salesOrderId}`,
      h.system,
    );
    // Half the units: half the discount (9.00) and half the tax (7.20) inside the 88.19 credited.
    expect(notes.body.invoices.find((i) => i.invoiceId === credited.erpCreditNoteId)).toMatchObject({
      totalMinor: 8819,
      discountMinor: 900,
      taxMinor: 720,
    });
    // JPY (no minor digits): 3 × ¥1,980 with ¥594 discount and ¥534 tax; return 2.
    const jpy = await h.posSale(
      'STORE-001',
      'JPY',
      [
        { sku: 'WEFT-TEE-BLK-M', quantity: 3, unitPriceMinor: 1980, discountMinor: 594, taxMinor: 534 },
        { sku: 'CASE-LEATHER-PREM', quantity: 1, unitPriceMinor: 2500 },
      ],
      5940 - 594 + 534 + 2500,
    );
    const j = await h.requestReturn({ orderId: jpy.orderId, lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 2, reasonCode: 'size-fit' }] });
    expect(j.status).toBe(201);
    expect(j.body.refundTotalMinor).toBe(3920); // ¥5,880 paid for three; two of them
  });

  it('restocks a store return at that store at once and records the till refund without refunding again', async () => {
    const sale = await h.posSale('STORE-001', 'USD', [{ sku: 'CASE-LEATHER-PREM', quantity: 2, unitPriceMinor: 2499 }], 4998);
    const before = await h.stock('CASE-LEATHER-PREM', 'STORE-001');
    const batch = {
      storeId: 'STORE-001',
      registerId: 'R1',
      returns: [
        {
          returnId: `r-${sale.saleId}`,
          originalSaleId: sale.saleId,
          occurredAt: new Date().toISOString(),
          currency: 'USD',
          lines: [{ sku: 'CASE-LEATHER-PREM', quantity: 1, refundMinor: 2499 }],
        },
      ],
    };
    const first = await h.call<{ results: { status: string; id: string }[] }>(
      'POST',
      `${stack.urls.experience}/v1/pos/returns`,
      h.channel,
      batch,
    );
    expect(first.body.results[0].status).toBe('accepted');
    expect(await h.stock('CASE-LEATHER-PREM', 'STORE-001')).toBe(before + 1);
    const dup = await h.call<{ results: { status: string }[] }>('POST', `${stack.urls.experience}/v1/pos/returns`, h.channel, batch);
    expect(dup.body.results[0].status).toBe('duplicate');
    expect(await h.stock('CASE-LEATHER-PREM', 'STORE-001')).toBe(before + 1);
    const closed = await waitFor(
      'CLOSED',
      () => h.ret(first.body.results[0].id),
      (r) => r.state === 'CLOSED',
    );
    expect(closed).toMatchObject({ refundedByChannel: true, refundId: null });
  });
});

describe('return-to-refund when the payment refund keeps failing', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(APPS, {
      WORKFLOW_POLL_MS: '50',
      PAYMENT_REFUND_FAILURE_RATE: '1',
      WORKFLOW_RETRY_BASE_MS: '50',
      WORKFLOW_RETRY_MAX_MS: '200',
      WORKFLOW_GIVE_UP_AFTER: '1s',
    });
  });
  afterAll(() => stack.close());

  it('waits (WAITING) while the provider fails, then ends in a visible EXCEPTION with the reason, the credit memo recorded and no refund issued', async () => {
    const h = await harness(stack);
    const sale = await h.posSale('STORE-001', 'USD', [{ sku: 'SKU2006-035', quantity: 1, unitPriceMinor: 11999 }], 11999);
    const created = await h.requestReturn({ orderId: sale.orderId, lines: [{ sku: 'SKU2006-035', quantity: 1, reasonCode: 'defective' }] });
    expect(created.status).toBe(201);
    await h.call('POST', `${stack.urls.experience}/v1/returns/${created.body.id}/receipt`, h.channel, {
      lines: [{ sku: 'SKU2006-035', quantity: 1, disposition: 'dispose' }],
    });
    const failed = await waitFor(
      'EXCEPTION',
      () => h.ret(created.body.id),
      (r) => r.state === 'EXCEPTION',
    );
    expect(failed.erpCreditNoteId).toBeTruthy();
    expect(failed.refundId).toBeNull();
    expect(failed.timeline.some((t) => t.to === 'WAITING' && /^waiting: step refund in CREDIT_POSTED/.test(t.cause))).toBe(true);
    expect(failed.timeline.at(-1)!.cause).toMatch(/step refund failed in CREDIT_POSTED after waiting .*payment provider refused/);
  });
});
