import { DataSource } from 'typeorm';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { ErpInvoiceRow, ErpPaymentRow } from '../apps/system-api/src/erp/reference/reference-erp.entities';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, startStack, Stack, waitFor, shopifyOrderKey } from '@weft/testing';
import { OrderView, RunView, VarianceView } from './reconciliation-views';

/** Reconciliation at the edge: each seeded fault in the ERP is found once, by type; a clean window has none. */
describe('reconciliation', () => {
  let stack: Stack;
  let finance: string;
  let channel: string;
  let system: string;
  let erpDb: DataSource;
  const raw = shopifyFixture('orders-create.json');
  const refundRaw = shopifyFixture('refunds-create.json');

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50', RECONCILIATION_POLL_MS: '200', RECONCILIATION_PAGE_SIZE: '2' },
    );
    finance = await stack.token({ sub: 'controller.jane', scope: 'finance:read finance:write' });
    channel = await stack.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
    // The reference ERP's own tables, to seed faults "directly in the ERP", as a person at the ERP would.
    erpDb = stack.apps[0].get(DataSource);
  });
  afterAll(() => stack.close());

  const edge = async <T>(
    method: string,
    path: string,
    token = finance,
    body?: unknown,
  ): Promise<{ status: number; body: T; type: string }> => {
    const res = await fetch(`${stack.urls.experience}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, body: (type.includes('json') && text ? JSON.parse(text) : text) as T, type };
  };

  const completedOrder = async (id: string): Promise<OrderView> => {
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id))).status).toBe(200);
    const find = async () => (await edge<OrderView[]>('GET', `/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, channel)).body[0];
    const accepted = await waitFor('ACCEPTED_BY_ERP', find, (o) => o?.state === 'ACCEPTED_BY_ERP');
    await fetch(`${stack.urls.system}/v1/erp/sales-orders/${accepted.erp.salesOrderId}/shipments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shipmentKey: `ship-${id}` }),
    });
    return waitFor('COMPLETED', find, (o) => o?.state === 'COMPLETED');
  };

  /** The Shopify refund sample (85.00 paid back) on this order, under its own refund id. */
  const shopifyRefund = async (order: OrderView, orderId: string, refundId: string): Promise<void> => {
    const body = refundRaw
      .replace(/"order_id": 820982911946154500/g, `"order_id": ${orderId}`)
      .replace('gid://shopify/Refund/890088186047892319', `gid://shopify/Refund/${refundId}`);
    expect((await postShopifyWebhook(stack.urls.experience, 'refunds/create', body)).status).toBe(200);
    const process = await stack.serviceToken({ audience: 'process-api', scope: 'process:read' });
    await waitFor(
      'refund credited',
      async () => {
        const res = await fetch(`${stack.urls.process}/v1/orders/${order.id}/returns`, { headers: { authorization: `Bearer ${process}` } });
        return (await res.json()) as { state: string; erpCreditNoteId: string | null }[];
      },
      (rs) => rs.length === 1 && rs[0].state === 'CLOSED',
    );
  };

  const reconcile = async (from: string): Promise<RunView> => {
    const started = await edge<RunView>('POST', '/reconciliation/runs', finance, { from, to: new Date(Date.now() + 1000).toISOString() });
    expect(started.status).toBe(202);
    return waitFor(
      'run completed',
      async () => (await edge<RunView>('GET', `/reconciliation/runs/${started.body.id}`)).body,
      (r) => r.state !== 'RUNNING',
      30_000,
    );
  };

  let cleanEnd = '';

  it('finds no variance in a clean window: orders invoiced and paid at the channel total, the Shopify refund credited at what it paid back', async () => {
    const from = new Date().toISOString();
    await completedOrder('910000000000000001');
    const refunded = await completedOrder('910000000000000002');
    await shopifyRefund(refunded, '910000000000000002', '910000000000009002');
    await completedOrder('910000000000000003');
    const run = await reconcile(from);
    const found = (await edge<VarianceView[]>('GET', `/reconciliation/variances?runId=${run.id}`)).body;
    expect(found).toEqual([]);
    expect(run).toMatchObject({ state: 'COMPLETED', ordersChecked: 3, returnsChecked: 1, varianceCount: 0, byType: {} });
    cleanEnd = new Date().toISOString();
  });

  it('finds each seeded fault once, by type, with both amounts, the difference and the documents on each side', async () => {
    const from = cleanEnd;
    const ids = [
      '920000000000000001',
      '920000000000000002',
      '920000000000000003',
      '920000000000000004',
      '920000000000000005',
      '920000000000000006',
      '920000000000000007',
    ];
    const orders: OrderView[] = [];
    for (const id of ids) orders.push(await completedOrder(id));
    await shopifyRefund(orders[3], ids[3], '920000000000009004');
    const invoices = erpDb.getRepository(ErpInvoiceRow);
    const invoiceOf = (o: OrderView) => invoices.findOneByOrFail({ id: o.erp.invoiceId! });
    // 0: an invoice posted twice directly in the ERP.
    const first = await invoiceOf(orders[0]);
    await invoices.insert({ ...first, id: `${first.id}-DUP`, documentKey: `manual:${first.id}`, paidMinor: 0, state: 'posted' });
    // 1: the payment is missing in the ERP.
    await erpDb.getRepository(ErpPaymentRow).delete({ invoiceId: orders[1].erp.invoiceId! });
    await invoices.update({ id: orders[1].erp.invoiceId! }, { paidMinor: 0, state: 'posted' });
    // 2: the tax was changed on the invoice (and with it the total).
    const taxed = await invoiceOf(orders[2]);
    await invoices.update({ id: taxed.id }, { taxMinor: taxed.taxMinor + 315, totalMinor: taxed.totalMinor + 315 });
    // 3: the Shopify refund's credit note is gone from the ERP.
    await invoices.delete({ salesOrderId: orders[3].erp.salesOrderId!, kind: 'credit-note' });
    // 4: the invoice was never posted.
    await erpDb.getRepository(ErpPaymentRow).delete({ invoiceId: orders[4].erp.invoiceId! });
    await invoices.delete({ id: orders[4].erp.invoiceId! });
    // 5: the discount was dropped from the invoice; 6: the total is a cent off.
    await invoices.update({ id: orders[5].erp.invoiceId! }, { discountMinor: 0 });
    const cent = await invoiceOf(orders[6]);
    await invoices.update({ id: cent.id }, { totalMinor: cent.totalMinor - 1 });

    const run = await reconcile(from);
    expect(run.state).toBe('COMPLETED');
    expect(run.ordersChecked).toBe(7);
    expect(run.byType).toEqual({
      DUPLICATE_POSTING: 1,
      PAYMENT_NOT_RECORDED: 1,
      TAX_MISMATCH: 1,
      REFUND_NOT_CREDITED: 1,
      MISSING_IN_ERP: 1,
      DISCOUNT_MISMATCH: 1,
      AMOUNT_MISMATCH: 1,
    });
    const list = (await edge<VarianceView[]>('GET', `/reconciliation/variances?runId=${run.id}`)).body;
    const byType = new Map(list.map((v) => [v.type, v]));
    expect(byType.get('DUPLICATE_POSTING')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[0])}`,
      weftAmountMinor: 40495,
      erpAmountMinor: 80990,
      differenceMinor: 40495,
    });
    expect(byType.get('DUPLICATE_POSTING')!.erpDocuments.map((d) => d.id)).toEqual([first.id, `${first.id}-DUP`]);
    expect(byType.get('PAYMENT_NOT_RECORDED')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[1])}`,
      weftAmountMinor: 40495,
      erpAmountMinor: 0,
    });
    expect(byType.get('TAX_MISMATCH')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[2])}`,
      weftAmountMinor: 0,
      erpAmountMinor: 315,
      differenceMinor: 315,
    });
    expect(byType.get('REFUND_NOT_CREDITED')).toMatchObject({
      businessKey: `shopify-refund:${shopifyOrderKey('920000000000009004')}`,
      weftAmountMinor: 8500,
      erpAmountMinor: 0,
    });
    expect(byType.get('MISSING_IN_ERP')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[4])}`,
      weftAmountMinor: 40495,
      erpAmountMinor: 0,
    });
    expect(byType.get('DISCOUNT_MISMATCH')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[5])}`,
      weftAmountMinor: 2000,
      erpAmountMinor: 0,
      differenceMinor: -2000,
    });
    expect(byType.get('AMOUNT_MISMATCH')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[6])}`,
      weftAmountMinor: 40495,
      erpAmountMinor: 40494,
      differenceMinor: -1,
    });

    // Filters: by type, and by channel; CSV export of the run.
    expect((await edge<VarianceView[]>('GET', `/reconciliation/variances?runId=${run.id}&type=TAX_MISMATCH`)).body).toHaveLength(1);
    expect((await edge<VarianceView[]>('GET', `/reconciliation/variances?runId=${run.id}&channel=pos`)).body).toHaveLength(0);
    const csv = await edge<string>('GET', `/reconciliation/runs/${run.id}/export`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toMatch(/^id,type,state,subject,businessKey/);
    expect(rows).toHaveLength(8);

    // Resolving records who and why, keeps the variance, and appends to its audit trail; twice is a conflict.
    const v = byType.get('AMOUNT_MISMATCH')!;
    const resolved = await edge<VarianceView>('POST', `/reconciliation/variances/${v.id}/resolve`, finance, {
      note: 'Rounding cent written off, JE-2026-1187',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      state: 'RESOLVED',
      resolution: { by: 'controller.jane', note: 'Rounding cent written off, JE-2026-1187' },
    });
    expect(resolved.body.audit!.map((a) => [a.action, a.actor])).toEqual([
      ['found', `run:${run.id}`],
      ['resolved', 'controller.jane'],
    ]);
    const again = await edge<{ status: number }>('POST', `/reconciliation/variances/${v.id}/resolve`, finance, { note: 'again' });
    expect(again.status).toBe(409);
    expect(again.type).toMatch(/problem\+json/);
    expect((await edge<VarianceView[]>('GET', `/reconciliation/variances?runId=${run.id}&state=RESOLVED`)).body.map((x) => x.id)).toEqual([
      v.id,
    ]);
  });

  it('guards the routes: finance scopes, problem+json for bad windows and unknown ids, nothing stored', async () => {
    const window = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };
    expect((await edge('POST', '/reconciliation/runs', channel, window)).status).toBe(403);
    const reader = await stack.token({ sub: 'auditor', scope: 'finance:read' });
    expect((await edge('POST', '/reconciliation/runs', reader, window)).status).toBe(403);
    const backwards = await edge<{ status: number }>('POST', '/reconciliation/runs', finance, { from: window.to, to: window.from });
    expect(backwards.status).toBe(400);
    expect(backwards.type).toMatch(/problem\+json/);
    expect((await edge('POST', '/reconciliation/runs', finance, { from: 'yesterday', to: window.to })).status).toBe(400);
    expect((await edge('GET', '/reconciliation/runs/6f0e3c1a-2b4d-4e8f-9a7b-1c2d3e4f5a6b')).status).toBe(404);
    expect(
      (await edge('POST', '/reconciliation/variances/6f0e3c1a-2b4d-4e8f-9a7b-1c2d3e4f5a6b/resolve', finance, { note: '' })).status,
    ).toBe(400);
    expect((await edge('GET', '/reconciliation/variances?type=NOPE')).status).toBe(400);
  });
});
