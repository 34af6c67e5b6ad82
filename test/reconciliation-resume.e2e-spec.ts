import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { listen } from '@weft/platform';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { ErpInvoiceRow } from '../apps/system-api/src/erp/reference/reference-erp.entities';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';
import { OrderView, RunView, VarianceView } from './reconciliation-views';

jest.setTimeout(120_000);

/**
 * Between process-api and system-api: forwards every call, records which references each ERP postings
 * read asked for, and can hold the next postings read so that a run stops mid-way on demand.
 */
class ErpTap {
  readonly postingReads: string[][] = [];
  private server: Server | null = null;
  private target = '';
  private holdAt = 0;
  private seen = 0;
  private held: ServerResponse[] = [];
  private onHeld: (() => void) | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  forwardTo(url: string): void {
    this.target = url;
  }

  /** The n-th postings read (1-based) from now never gets an answer; resolves once it has arrived. */
  holdPostingsRead(n: number): Promise<void> {
    this.holdAt = this.seen + n;
    return new Promise((r) => (this.onHeld = r));
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    await new Promise((r) => this.server?.close(r));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url === '/v1/erp/postings/search') {
      if (++this.seen === this.holdAt) {
        this.held.push(res);
        this.onHeld?.();
        return;
      }
      this.postingReads.push((JSON.parse(body.toString()) as { externalReferences: string[] }).externalReferences);
    }
    const up = request(`${this.target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    up.end(body);
  }
}

/**
 * A reconciliation run whose instance dies mid-way is taken over by another instance once the lease
 * lapses, continues from its cursor (pages already saved are not read again), and stores each variance
 * once; while the run is in progress, intake keeps accepting orders.
 */
describe('reconciliation: resume after an interrupt', () => {
  let stack: Stack;
  let finance: string;
  let channel: string;
  let system: string;
  const tap = new ErpTap();
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    const tapUrl = await tap.start();
    stack = await startStack({ system: createSystemApi, process: createProcessApi, experience: createExperienceApi }, () => ({
      WORKFLOW_POLL_MS: '50',
      RECONCILIATION_POLL_MS: '100',
      RECONCILIATION_PAGE_SIZE: '2',
      RECONCILIATION_LEASE_MS: '1000',
      RECONCILIATION_CRON: '',
      // The held postings read must outlive the interruption rather than time out first.
      DOWNSTREAM_TIMEOUT_MS: '60000',
      SYSTEM_API_URL: tapUrl,
    }));
    tap.forwardTo(`http://127.0.0.1:${stack.env.SYSTEM_API_PORT}`);
    finance = await stack.token({ sub: 'controller.jane', scope: 'finance:read finance:write' });
    channel = await stack.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await tap.close();
  });

  const edge = async <T>(method: string, path: string, token = finance, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${stack.urls.experience}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  // Undefined until intake has stored the order; waitFor only hands back a found one.
  const find = async (id: string): Promise<OrderView> =>
    (await edge<OrderView[]>('GET', `/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, channel)).body[0];

  const accepted = async (id: string): Promise<OrderView> => {
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id))).status).toBe(200);
    return waitFor(
      `${id} ACCEPTED_BY_ERP`,
      () => find(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
  };
  const completed = async (id: string): Promise<OrderView> => {
    const o = await accepted(id);
    await fetch(`${stack.urls.system}/v1/erp/sales-orders/${o.erp.salesOrderId}/shipments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shipmentKey: `ship-${id}` }),
    });
    return waitFor(
      `${id} COMPLETED`,
      () => find(id),
      (o2) => o2?.state === 'COMPLETED',
    );
  };
  const run = async (id: string): Promise<RunView> => (await edge<RunView>('GET', `/reconciliation/runs/${id}`)).body;

  it('continues where it stopped on another instance, finds each variance once, and never blocks intake', async () => {
    const from = new Date().toISOString();
    const ids = ['930000000000000001', '930000000000000002', '930000000000000003', '930000000000000004', '930000000000000005'];
    const orders: OrderView[] = [];
    for (const id of ids) orders.push(await completed(id));
    const to = new Date().toISOString();
    const keys = ids.map((id) => `shopify:${shopifyOrderKey(id)}`);

    // Faults in the page saved before the interrupt (0), the page in flight when it happens (2) and the last page (4).
    const erpDb = stack.apps[0].get(DataSource);
    const invoices = erpDb.getRepository(ErpInvoiceRow);
    const first = await invoices.findOneByOrFail({ id: orders[0].erp.invoiceId! });
    await invoices.insert({ ...first, id: `${first.id}-DUP`, documentKey: `manual:${first.id}`, paidMinor: 0, state: 'posted' });
    const cent = await invoices.findOneByOrFail({ id: orders[2].erp.invoiceId! });
    await invoices.update({ id: cent.id }, { totalMinor: cent.totalMinor - 1 });
    const taxed = await invoices.findOneByOrFail({ id: orders[4].erp.invoiceId! });
    await invoices.update({ id: taxed.id }, { taxMinor: taxed.taxMinor + 315, totalMinor: taxed.totalMinor + 315 });

    // The first page (orders 0, 1) is read and saved; the second page's ERP read never comes back.
    const secondPage = tap.holdPostingsRead(2);
    const started = await edge<RunView>('POST', '/reconciliation/runs', finance, { from, to });
    expect(started.status).toBe(202);
    await secondPage;
    const midway = await waitFor(
      'first page saved',
      () => run(started.body.id),
      (r) => r.ordersChecked === 2,
    );
    expect(midway).toMatchObject({ state: 'RUNNING', ordersChecked: 2, varianceCount: 1 });
    expect(tap.postingReads).toEqual([keys.slice(0, 2)]);

    // Reading does not lock intake: an order placed now is accepted by the ERP while the run is in progress.
    const during = await accepted('930000000000000099');
    expect(during.erp.salesOrderId).toBeTruthy();
    expect((await run(started.body.id)).state).toBe('RUNNING');

    // The instance dies with the run in flight; a new instance takes it over once the lease lapses.
    await stack.apps[1].close();
    const { app } = await createProcessApi({ ...stack.env });
    stack.apps[1] = app;
    await listen(app, Number(stack.env.PROCESS_API_PORT), '127.0.0.1');
    const done = await waitFor(
      'run completed',
      () => run(started.body.id),
      (r) => r.state !== 'RUNNING',
      30_000,
    );

    expect(done).toMatchObject({ state: 'COMPLETED', ordersChecked: 5, varianceCount: 3 });
    expect(done.byType).toEqual({ DUPLICATE_POSTING: 1, AMOUNT_MISMATCH: 1, TAX_MISMATCH: 1 });
    // Continued from the cursor: after the first page, only the pages not saved were read (the in-flight one again).
    expect(tap.postingReads).toEqual([keys.slice(0, 2), keys.slice(2, 4), keys.slice(4)]);
    const list = (await edge<VarianceView[]>('GET', `/reconciliation/variances?runId=${started.body.id}`)).body;
    expect(list.map((v) => [v.businessKey, v.type]).sort()).toEqual(
      [
        [keys[0], 'DUPLICATE_POSTING'],
        [keys[2], 'AMOUNT_MISMATCH'],
        [keys[4], 'TAX_MISMATCH'],
      ].sort(),
    );
    for (const v of list) {
      const detail = (await edge<VarianceView>('GET', `/reconciliation/variances/${v.id}`)).body;
      expect(detail.audit!.map((a) => a.action)).toEqual(['found']);
    }
  });
});
