import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@weft/config';
import { DomainError, ErrorCode } from '@weft/problem';
import { CanonicalOrder } from '@weft/retail-model';
import { WeftMetrics } from '@weft/observability';
import { MetricsModule } from '@weft/platform';
import { testEnv, waitFor } from '@weft/testing';
import { OrderIntakeService } from '../apps/process-api/src/orders/order-intake.service';
import { OrderRecord } from '../apps/process-api/src/orders/order.entity';
import { OrderStore } from '../apps/process-api/src/orders/order.store';
import { ProcessApiModule } from '../apps/process-api/src/process-api.module';
import { ProcessConfig } from '../apps/process-api/src/process.config';
import {
  ErpSalesOrderView,
  OrderSubmissionInput,
  OrderSubmissionView,
  SYSTEM_PORT,
  SystemPort,
} from '../apps/process-api/src/system/system.port';
import { CLOCK, Clock } from '../apps/process-api/src/workflow/clock.port';
import { WorkflowRunner } from '../apps/process-api/src/orders/orders.runner';

const HOUR = 3_600_000;

/** Real time plus a jump the test controls: rows written "now" by the app stay due. */
class JumpClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
}

type Mode = 'up' | 'down' | 'circuit-open' | 'out-of-stock' | 'reject';

/** The ERP and CRM as the workflow sees them, failing on demand and recording every call. */
class FakeSystem implements Partial<SystemPort> {
  mode: Mode = 'up';
  submitMode: Mode = 'up';
  calls: string[] = [];
  salesOrders: ErpSalesOrderView[] = [];
  released: string[] = [];
  cancelled: string[] = [];

  private gate(call: string, mode: Mode = this.mode): void {
    this.calls.push(call);
    if (mode === 'down') throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'A system behind the gateway is unreachable.');
    if (mode === 'circuit-open')
      throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'circuit is open', { extensions: { circuit: 'open', retryAfterMs: 5_000 } });
  }

  upsertCrmContact = async () => (this.gate('crm'), { contactId: 'C-1', customerKeys: [] });
  addCrmActivity = async () => this.gate('crm-activity');
  findOrCreateErpCustomer = async () => (this.gate('customer'), { erpCustomerId: 'CU-1', customerKey: 'K-1', created: true });
  reserveStock = async (input: { reservationKey: string }) => {
    this.gate(`reserve:${input.reservationKey}`);
    if (this.mode === 'out-of-stock') throw new DomainError(ErrorCode.OUT_OF_STOCK, 'SKU-1: 0 available, 2 requested');
    return { state: 'held' as const, reservationKey: input.reservationKey, lines: [] };
  };
  releaseReservation = async (key: string) => {
    this.gate(`release:${key}`);
    this.released.push(key);
  };
  createSalesOrder = async (input: { externalReference: string; currency: string }) => {
    this.gate(`submit:${input.externalReference}`, this.submitMode);
    if (this.submitMode === 'reject') throw new DomainError(ErrorCode.VALIDATION, 'unknown SKU SKU-404');
    // What the ERP answers when the order's reservation expired meanwhile and its stock is gone.
    if (this.submitMode === 'out-of-stock') throw new DomainError(ErrorCode.OUT_OF_STOCK, 'SKU-1: 0 available, 2 requested');
    const so: ErpSalesOrderView = {
      id: `SO-${this.salesOrders.length + 1}`,
      externalReference: input.externalReference,
      state: 'confirmed',
      totalMinor: 0,
      currency: input.currency,
      lines: [],
      invoices: [],
      shipments: [],
    };
    this.salesOrders.push(so);
    return so;
  };
  /** As system-api's order submission composes its parts (a permanent refusal of the order gives its hold back). */
  submitOrder = async (input: OrderSubmissionInput): Promise<OrderSubmissionView> => {
    const contact = input.contact ? await this.upsertCrmContact() : undefined;
    const customer = await this.findOrCreateErpCustomer();
    if (contact && input.activity) await this.addCrmActivity();
    const resolved = { erpCustomerId: customer.erpCustomerId, crmContactId: contact?.contactId };
    try {
      await this.reserveStock(input.reservation);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === ErrorCode.OUT_OF_STOCK)) throw e;
      return { ...resolved, outcome: 'out-of-stock', held: false, shortfall: e.detail };
    }
    try {
      const so = await this.createSalesOrder(input.salesOrder);
      return { ...resolved, outcome: 'accepted', held: true, salesOrder: so };
    } catch (e) {
      if (e instanceof DomainError && e.code === ErrorCode.VALIDATION) await this.releaseReservation(input.reservation.reservationKey);
      if (e instanceof DomainError && e.code === ErrorCode.OUT_OF_STOCK)
        return { ...resolved, outcome: 'out-of-stock', held: false, shortfall: e.detail };
      throw e;
    }
  };
  findSalesOrdersByReference = async (ref: string) => this.salesOrders.filter((s) => s.externalReference === ref);
  cancelSalesOrder = async (id: string) => {
    this.gate(`cancel:${id}`);
    this.cancelled.push(id);
    return this.salesOrders.find((s) => s.id === id)!;
  };
  getStock = async () => [];
  getProducts = async () => [];
}

function paidOrder(externalId: string, channel: CanonicalOrder['channel'] = 'storefront'): CanonicalOrder {
  const now = new Date().toISOString();
  return {
    channel,
    externalId,
    currency: 'USD',
    lines: [{ lineId: '1', sku: 'SKU-1', quantity: 2, unitPriceMinor: 1000, discountMinor: 0, taxMinor: 0 }],
    totals: { subtotalMinor: 2000, discountMinor: 0, taxMinor: 0, shippingMinor: 0, totalMinor: 2000 },
    customer: { email: 'buyer@example.com' },
    financialStatus: 'paid',
    cancelled: false,
    locationId: 'WH-1',
    placedAt: now,
    sourceUpdatedAt: now,
  };
}

/** process-api's real workflow on a real database (SQLite, or PostgreSQL with WEFT_TEST_INFRA=real), ERP and clock faked. */
describe('order workflow through outages (real database, fake ERP and clock)', () => {
  let app: NestFastifyApplication;
  let fake: FakeSystem;
  let clock: JumpClock;
  let intake: OrderIntakeService;
  let store: OrderStore;
  let runner: WorkflowRunner;

  beforeAll(async () => {
    const env = testEnv({
      WORKFLOW_POLL_MS: '20',
      WORKFLOW_CONCURRENCY: '1',
      WORKFLOW_RETRY_BASE_MS: '100',
      WORKFLOW_RETRY_MAX_MS: '60000',
    });
    const config = loadConfig(ProcessConfig, env);
    fake = new FakeSystem();
    clock = new JumpClock();
    const moduleRef = await Test.createTestingModule({
      // As createWeftApp does: the app's module beside its metrics registry.
      imports: [MetricsModule.forApp(new WeftMetrics('process-api')), ProcessApiModule.register(config)],
    })
      .overrideProvider(SYSTEM_PORT)
      .useValue(fake)
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    intake = app.get(OrderIntakeService);
    store = app.get(OrderStore);
    runner = app.get(WorkflowRunner);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    fake.mode = 'up';
    fake.submitMode = 'up';
    fake.calls = [];
  });

  const place = (id: string, channel?: CanonicalOrder['channel']) => intake.acceptChannelOrder(paidOrder(id, channel), 'test');
  const order = async (id: string) => (await store.findById(id))!;
  const timeline = async (id: string) => (await store.timeline(id)).map((t) => ({ to: t.toState, cause: t.cause }));
  const until = (what: string, id: string, check: (o: OrderRecord) => boolean) => waitFor(what, () => order(id), check, 15_000);
  const jump = (ms: number) => {
    clock.offset += ms;
    runner.kick();
  };

  it('waits in WAITING_FOR_ERP through a 23-hour outage with capped backoff, then goes through once the ERP is back', async () => {
    fake.mode = 'down';
    const placed = await place('outage-1');
    const waiting = await until('WAITING_FOR_ERP', placed.id, (o) => o.state === 'WAITING_FOR_ERP');
    expect(waiting.resumeState).toBe('VALIDATED');
    const first = (await timeline(placed.id)).find((t) => t.to === 'WAITING_FOR_ERP')!;
    expect(first.cause).toMatch(/^waiting: step submit-to-erp in VALIDATED: downstream-unavailable: .*; next attempt at \d{4}-\d\d-\d\dT/);

    for (let h = 0; h < 23; h++) {
      const before = (await order(placed.id)).attempts;
      jump(HOUR);
      const after = await until('another attempt', placed.id, (o) => o.attempts > before);
      // The backoff is capped: after an hour of outage the next attempt is at most a minute away.
      expect(Date.parse(after.nextAttemptAt!) - clock.now()).toBeLessThanOrEqual(60_000);
      expect(after.state).toBe('WAITING_FOR_ERP');
    }
    fake.mode = 'up';
    jump(60_000);
    const done = await until('ACCEPTED_BY_ERP', placed.id, (o) => o.state === 'ACCEPTED_BY_ERP');
    expect(done.lastError).toBeNull();
    expect(fake.salesOrders.filter((s) => s.externalReference === placed.businessKey)).toHaveLength(1);
    const states = (await timeline(placed.id)).map((t) => t.to);
    expect(states).not.toContain('FAILED');
    expect(states).toEqual(expect.arrayContaining(['WAITING_FOR_ERP', 'CUSTOMER_RESOLVED', 'RESERVED', 'SUBMITTED', 'ACCEPTED_BY_ERP']));
  });

  it('fails only when WORKFLOW_GIVE_UP_AFTER (24 h) is spent, saying how long it waited', async () => {
    fake.mode = 'down';
    const placed = await place('outage-2');
    await until('WAITING_FOR_ERP', placed.id, (o) => o.state === 'WAITING_FOR_ERP');
    jump(24 * HOUR + 1);
    const failed = await until('FAILED', placed.id, (o) => o.state === 'FAILED');
    expect((await timeline(placed.id)).at(-1)!.cause).toMatch(
      /^step submit-to-erp failed in VALIDATED after waiting 24 h \(\d+ attempt\(s\)\): downstream-unavailable/,
    );
    expect(failed.resumeState).toBe('VALIDATED');
  });

  it('fails a permanent ERP rejection at once and releases the reservation it holds', async () => {
    fake.submitMode = 'reject';
    const placed = await place('reject-1');
    const failed = await until('FAILED and released', placed.id, (o) => o.state === 'FAILED' && o.reservationKey === null);
    expect(fake.calls.filter((c) => c.startsWith('submit:'))).toHaveLength(1);
    expect(fake.released).toContain(placed.businessKey);
    expect(failed.lastError).toMatch(/^validation: unknown SKU/);
    const notes = await timeline(placed.id);
    expect(notes.map((t) => t.to)).not.toContain('WAITING_FOR_ERP');
    // The submission gave the hold back itself, before the refusal reached the workflow: nothing is left to release.
    expect(notes.at(-1)!.to).toBe('FAILED');
    expect(fake.released.filter((k) => k === placed.businessKey)).toHaveLength(1);
  });

  it('backorders a paid order without stock, then moves on by itself when stock arrives', async () => {
    fake.mode = 'out-of-stock';
    const placed = await place('oos-1');
    const parked = await until('BACKORDERED', placed.id, (o) => o.state === 'BACKORDERED');
    expect(parked.nextAttemptAt).not.toBeNull();
    expect((await timeline(placed.id)).at(-1)!.cause).toMatch(/^out of stock at WH-1: SKU-1: 0 available, 2 requested; backordered/);
    const rechecks = fake.calls.filter((c) => c.startsWith('reserve:')).length;
    jump(61_000);
    await waitFor(
      'a recheck',
      async () => fake.calls.filter((c) => c.startsWith('reserve:')).length,
      (n) => n > rechecks,
      15_000,
    );
    expect((await order(placed.id)).state).toBe('BACKORDERED');
    fake.mode = 'up';
    jump(61_000);
    await until('ACCEPTED_BY_ERP', placed.id, (o) => o.state === 'ACCEPTED_BY_ERP');
    expect((await timeline(placed.id)).map((t) => t.to)).not.toContain('FAILED');
  });

  it('backorders an order the ERP refuses for stock at the sales order, then re-reserves it instead of failing it', async () => {
    fake.submitMode = 'out-of-stock';
    const placed = await place('lapsed-1');
    await until('BACKORDERED', placed.id, (o) => o.state === 'BACKORDERED');
    expect((await timeline(placed.id)).at(-1)!.cause).toMatch(/^out of stock at WH-1: SKU-1: 0 available/);
    fake.submitMode = 'up';
    jump(61_000);
    await until('ACCEPTED_BY_ERP', placed.id, (o) => o.state === 'ACCEPTED_BY_ERP');
    // After the refused submit, the reserve step ran again under the same key (idempotent at the ERP), then the submit.
    const mine = fake.calls.filter((c) => c.endsWith(`:${placed.businessKey}`));
    const refused = mine.indexOf(`submit:${placed.businessKey}`);
    expect(mine.slice(refused + 1)).toEqual(expect.arrayContaining([`reserve:${placed.businessKey}`]));
    expect(mine.lastIndexOf(`reserve:${placed.businessKey}`)).toBeLessThan(mine.lastIndexOf(`submit:${placed.businessKey}`));
    expect((await timeline(placed.id)).map((t) => t.to)).toEqual(expect.arrayContaining(['BACKORDERED', 'RESERVED']));
    expect(fake.salesOrders.filter((so) => so.externalReference === placed.businessKey)).toHaveLength(1);
    expect((await timeline(placed.id)).map((t) => t.to)).not.toContain('FAILED');
  });

  it('stops calling while the circuit is open, then drains the backlog oldest first', async () => {
    fake.mode = 'circuit-open';
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) ids.push((await place(`circuit-${i}`)).id);
    const rows = () => Promise.all(ids.map(order));
    await waitFor('a first refused call', rows, (os) => os.some((o) => o.state === 'WAITING_FOR_ERP'), 15_000);
    // The runner holds off for the half-open delay: the other due orders are not even tried. Three poll
    // passes while it holds are three chances a runner that kept calling would have taken.
    const calls = fake.calls.length;
    const from = runner.engine.heldPasses;
    await waitFor(
      'three poll passes held off',
      async () => runner.engine.heldPasses,
      (n) => n >= from + 3,
      15_000,
    );
    expect(fake.calls).toHaveLength(calls);
    const held = await rows();
    expect(held.filter((o) => o.state === 'WAITING_FOR_ERP')).toHaveLength(1);
    expect(held.filter((o) => o.attempts === 0 && ['RECEIVED', 'VALIDATED'].includes(o.state))).toHaveLength(3);
    expect(runner.engine.pausedForMs).toBeGreaterThan(0);

    fake.mode = 'up';
    jump(5_001 + 60_000);
    for (const id of ids) await until('ACCEPTED_BY_ERP', id, (o) => o.state === 'ACCEPTED_BY_ERP');
    const keys = await Promise.all(ids.map(async (id) => (await order(id)).businessKey));
    const submitted = fake.calls.filter((c) => c.startsWith('submit:')).map((c) => c.slice('submit:'.length));
    expect(submitted).toEqual(keys);
  });

  it('a cancel finds the ERP order by reference when the save after the ERP create was lost', async () => {
    const placed = await place('lost-save-1');
    await until('ACCEPTED_BY_ERP', placed.id, (o) => o.state === 'ACCEPTED_BY_ERP');
    // Simulate the crash between the ERP create and the state save: the order never learnt its ERP id.
    await store.uow.run((m) => m.update(OrderRecord, { id: placed.id }, { state: 'RESERVED' as never, erpSalesOrderId: null }));
    await intake.acceptChannelOrder(
      { ...paidOrder('lost-save-1'), cancelled: true, sourceUpdatedAt: new Date(Date.now() + 1000).toISOString() },
      'test',
    );
    await until('CANCELLED', placed.id, (o) => o.state === 'CANCELLED');
    const so = fake.salesOrders.find((s) => s.externalReference === placed.businessKey)!;
    expect(fake.cancelled).toContain(so.id);
    expect(fake.released).toContain(placed.businessKey);
  });
});
