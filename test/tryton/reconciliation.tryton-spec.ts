import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';
import {
  asIds,
  assertTrytonUp,
  rawClient,
  report,
  TRYTON_DATABASE,
  TRYTON_URL,
  TrytonRpcClient,
  trytonPasswordForTests,
} from './tryton-test-env';
import { OrderView, RunView, VarianceView } from '../reconciliation-views';

jest.setTimeout(240_000);

/**
 * Reconciliation with Tryton as the ERP: the run reads Tryton's invoices, payments and credit notes for
 * orders and a return that went through Weft. A clean window has no variance; an invoice posted a second
 * time directly in Tryton is found once.
 */
describe('reconciliation against a real Tryton', () => {
  let stack: Stack;
  let raw: TrytonRpcClient;
  let read: string;
  let finance: string;
  const fixture = shopifyFixture('orders-create.json');
  const suffix = String(Date.now()).slice(-6);
  const ids = [`8${suffix}00000000001`, `8${suffix}00000000002`];
  const done: OrderView[] = [];
  let from = '';

  beforeAll(async () => {
    await assertTrytonUp();
    raw = rawClient();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        ERP_ADAPTER: 'tryton',
        TRYTON_URL,
        TRYTON_DATABASE,
        TRYTON_PASSWORD: trytonPasswordForTests(),
        WORKFLOW_POLL_MS: '100',
        DOWNSTREAM_TIMEOUT_MS: '20000',
        RECONCILIATION_POLL_MS: '200',
        RECONCILIATION_PAGE_SIZE: '1',
        RECONCILIATION_CRON: '',
      },
    );
    read = await stack.token({ sub: 'ops', scope: 'orders:read orders:read:all' });
    finance = await stack.token({ sub: 'controller.jane', scope: 'finance:read finance:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await raw?.logout().catch(() => undefined);
  });

  const get = async <T>(path: string, token: string): Promise<T> =>
    (await (await fetch(`${stack.urls.experience}/v1${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
  const order = async (externalId: string): Promise<OrderView | undefined> =>
    (await get<OrderView[]>(`/orders?source=shopify&externalId=${shopifyOrderKey(externalId)}`, read))[0];

  const completed = async (id: string): Promise<OrderView> => {
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(fixture, id))).status).toBe(200);
    const accepted = await waitFor(
      'ACCEPTED_BY_ERP',
      () => order(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
      60_000,
    );
    const warehouse = await stack.token({ sub: 'warehouse-3pl', scope: 'shipments:write' });
    const ship = await fetch(`${stack.urls.experience}/v1/shipments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warehouse}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: accepted!.id, shipmentKey: `wh-${id}` }),
    });
    expect(ship.status).toBe(200);
    return (await waitFor(
      'COMPLETED',
      () => order(id),
      (o) => o?.state === 'COMPLETED',
      90_000,
    ))!;
  };

  const returned = async (o: OrderView): Promise<void> => {
    const token = await stack.token({ sub: 'cs-desk', scope: 'returns:read returns:write orders:read:all' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const rma = await fetch(`${stack.urls.experience}/v1/returns`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `"rma-${o.id}"` },
      body: JSON.stringify({ orderId: o.id, lines: [{ sku: 'SKU2006-001', quantity: 1, reasonCode: 'damaged' }] }),
    });
    expect(rma.status).toBe(201);
    const { id } = (await rma.json()) as { id: string };
    await fetch(`${stack.urls.experience}/v1/returns/${id}/receipt`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ lines: [{ sku: 'SKU2006-001', quantity: 1, disposition: 'restock' }] }),
    });
    const closed = await waitFor(
      'return CLOSED',
      () => get<{ state: string }>(`/returns/${id}`, token),
      (r) => r.state === 'CLOSED' || r.state === 'EXCEPTION',
      90_000,
    );
    expect(closed.state).toBe('CLOSED');
  };

  const reconcile = async (): Promise<RunView> => {
    const started = performance.now();
    const res = await fetch(`${stack.urls.experience}/v1/reconciliation/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${finance}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from, to: new Date(Date.now() + 1000).toISOString() }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as RunView;
    const run = await waitFor(
      'run finished',
      () => get<RunView>(`/reconciliation/runs/${id}`, finance),
      (r) => r.state !== 'RUNNING',
      60_000,
    );
    report(
      `reconciliation run over ${run.ordersChecked} orders and ${run.returnsChecked} returns on Tryton: ${(performance.now() - started).toFixed(0)} ms`,
    );
    return run;
  };

  it('finds no variance in a clean window: Tryton invoices, payments and the credit note match what Weft took and paid back', async () => {
    from = new Date().toISOString();
    for (const id of ids) done.push(await completed(id));
    await returned(done[1]);
    const run = await reconcile();
    expect(run).toMatchObject({ state: 'COMPLETED', ordersChecked: 2, returnsChecked: 1, varianceCount: 0, byType: {} });
  });

  it('finds once an invoice posted a second time directly in Tryton', async () => {
    // As a clerk would: duplicate the order's posted invoice in Tryton, bill the copy against the same sale lines, post it.
    const original = Number(done[0].erp.invoiceId);
    const [copy] = asIds(await raw.model('account.invoice', 'copy', [[original], {}]));
    const linesOf = async (id: number) =>
      raw.read('account.invoice.line', asIds((await raw.read('account.invoice', [id], ['lines']))[0].lines), ['origin']);
    const [billed, copied] = [await linesOf(original), await linesOf(copy)];
    for (const [i, line] of copied.entries())
      if (billed[i].origin) await raw.write('account.invoice.line', [Number(line.id)], { origin: billed[i].origin });
    await raw.button('account.invoice', 'post', [copy]);
    const [sale] = await raw.read('sale.sale', [Number(done[0].erp.salesOrderId)], ['invoices']);
    expect(asIds(sale.invoices)).toEqual(expect.arrayContaining([original, copy]));

    const run = await reconcile();
    expect(run).toMatchObject({ state: 'COMPLETED', ordersChecked: 2, returnsChecked: 1, varianceCount: 1 });
    expect(run.byType).toEqual({ DUPLICATE_POSTING: 1 });
    const [v] = await get<VarianceView[]>(`/reconciliation/variances?runId=${run.id}`, finance);
    expect(v).toMatchObject({
      type: 'DUPLICATE_POSTING',
      businessKey: `shopify:${shopifyOrderKey(ids[0])}`,
      weftAmountMinor: 40495,
      erpAmountMinor: 80990,
    });
    expect(v.erpDocuments.map((d) => d.id).sort()).toEqual([String(original), String(copy)].sort());
  });
});
