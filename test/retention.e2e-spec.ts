import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@weft/config';
import { cloudEvent, CloudEvent } from '@weft/events';
import { ConsumerRunner, DeadLetter, OutboxRecord, OutboxWriter, ProcessedEvent } from '@weft/messaging';
import { WeftMetrics } from '@weft/observability';
import { UnitOfWork } from '@weft/persistence';
import { CLOCK, Clock, DAY_MS, MetricsModule, RETENTION_RULES, RetentionPruner, RetentionRule } from '@weft/platform';
import { testEnv, waitFor } from '@weft/testing';
import { OrderTransition } from '../apps/process-api/src/orders/order.entity';
import { ProcessApiModule } from '../apps/process-api/src/process-api.module';
import { ProcessConfig } from '../apps/process-api/src/process.config';
import { ReturnTransition } from '../apps/process-api/src/returns/return.entity';
import { expectIndexedPlans, JumpClock, prunedRows } from './support/retention';

const CONSUMER = 'retention-spec';

/**
 * process-api's retention on a real database (SQLite, or PostgreSQL with WEFT_TEST_INFRA=real) with the
 * clock faked: the rows are written by the app at real time, then the clock jumps past each window.
 */
describe('retention in process-api (real database, fake clock)', () => {
  let app: NestFastifyApplication;
  let clock: JumpClock;
  let pruner: RetentionPruner;
  let runner: ConsumerRunner;
  let uow: UnitOfWork;
  let metrics: WeftMetrics;
  let applied: string[];
  const delivered = randomUUID();
  const undelivered = randomUUID();
  const replayed = randomUUID();
  const discarded = randomUUID();
  const waiting = randomUUID();
  const event = (id: string): CloudEvent => ({ ...cloudEvent('weft.test.retention.v1', '/test', id, { n: 1 }), id });
  const apply = (id: string) => runner.applyOnce(CONSUMER, event(id), async () => void applied.push(id));
  const count = (entity: Parameters<UnitOfWork['manager']['count']>[0], where: object) =>
    uow.serialised(() => uow.manager.count(entity, { where }));

  beforeAll(async () => {
    // Batches of two, so every table with more rows than that is pruned over several batches.
    const config = loadConfig(ProcessConfig, testEnv({ RETENTION_BATCH_SIZE: '2', RETENTION_BATCH_PAUSE_MS: '5' }));
    clock = new JumpClock();
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule.forApp(new WeftMetrics('process-api')), ProcessApiModule.register(config)],
    })
      .overrideProvider(CLOCK)
      .useValue(clock satisfies Clock)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    pruner = app.get(RetentionPruner);
    runner = app.get(ConsumerRunner);
    uow = app.get(UnitOfWork);
    metrics = app.get(WeftMetrics);
    applied = [];

    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) expect(await apply(id)).toBe(true);
    await uow.run((m) => app.get(OutboxWriter).append(m, [event(delivered)]));
    const sent = await waitFor(
      'the relay to deliver',
      () => uow.serialised(() => uow.manager.findOneBy(OutboxRecord, { id: delivered })),
      (r) => !!r?.publishedAt,
    );
    // Written as the relay would find it, but not due for a year: it stays undelivered whatever the test does.
    const later = new Date(Date.now() + 365 * DAY_MS).toISOString();
    await uow.serialised(() => uow.manager.insert(OutboxRecord, { ...sent!, id: undelivered, publishedAt: null, nextAttemptAt: later }));
    const now = new Date().toISOString();
    for (const [id, resolution] of [
      [replayed, { replayedAt: now }],
      [discarded, { discardedAt: now }],
      [waiting, {}],
    ] as const) {
      await uow.serialised(() => uow.manager.insert(DeadLetter, { ...deadLetter(id), ...resolution }));
    }
    for (const [entity, parent] of [
      [OrderTransition, 'orderId'],
      [ReturnTransition, 'returnId'],
    ] as const) {
      for (const seq of [1, 2, 3]) {
        await uow.serialised(() =>
          uow.manager.insert(entity, {
            id: randomUUID(),
            [parent]: 'wf-1',
            seq,
            fromState: null,
            toState: `S${seq}`,
            cause: 'test',
            at: now,
          }),
        );
      }
    }
  });
  afterAll(() => app?.close());

  it('inside every window removes nothing, and a redelivered event is still recognised', async () => {
    clock.jump(6 * DAY_MS);
    const pruned = await pruner.pruneNow();
    expect(pruned).toEqual({ outbox: 0, processed_events: 0, dead_letters: 0, order_transitions: 0, return_transitions: 0 });
    expect(await apply('e1')).toBe(false);
    expect(applied.filter((id) => id === 'e1')).toHaveLength(1);
    expect(await count(ProcessedEvent, { consumer: CONSUMER })).toBe(5);
  });

  it('past 7 days removes delivered outbox rows and processed-event markers, never an undelivered row', async () => {
    const before = await prunedRows(metrics, 'processed_events');
    clock.jump(2 * DAY_MS);
    const pruned = await pruner.pruneNow();
    expect(pruned.processed_events).toBeGreaterThanOrEqual(5);
    expect(await count(ProcessedEvent, { consumer: CONSUMER })).toBe(0);
    expect(await count(OutboxRecord, { id: delivered })).toBe(0);
    expect(await count(OutboxRecord, { id: undelivered })).toBe(1);
    expect(await prunedRows(metrics, 'processed_events')).toBe(before + pruned.processed_events);
    // Resolved dead letters and timelines are inside their own windows still.
    expect(pruned.dead_letters).toBe(0);
    expect(pruned.order_transitions).toBe(0);
  });

  it('past 30 days removes replayed and discarded dead letters, never a waiting one', async () => {
    clock.jump(23 * DAY_MS);
    expect((await pruner.pruneNow()).dead_letters).toBe(2);
    expect(await count(DeadLetter, { id: replayed })).toBe(0);
    expect(await count(DeadLetter, { id: discarded })).toBe(0);
    expect(await count(DeadLetter, { id: waiting })).toBe(1);
    expect(await count(OutboxRecord, { id: undelivered })).toBe(1);
  });

  it('past 90 days removes timeline entries but keeps each workflow newest one', async () => {
    clock.jump(60 * DAY_MS);
    const pruned = await pruner.pruneNow();
    expect(pruned).toMatchObject({ order_transitions: 2, return_transitions: 2 });
    const orders = await uow.serialised(() => uow.manager.find(OrderTransition, { where: { orderId: 'wf-1' } }));
    const returns = await uow.serialised(() => uow.manager.find(ReturnTransition, { where: { returnId: 'wf-1' } }));
    expect(orders.map((t) => t.seq)).toEqual([3]);
    expect(returns.map((t) => t.seq)).toEqual([3]);
    expect(await prunedRows(metrics, 'order_transitions')).toBe(2);
  });

  it('takes every batch through an index', async () => {
    await expectIndexedPlans(app.get(DataSource), pruner, app.get<RetentionRule[]>(RETENTION_RULES), clock.now());
  });
});

function deadLetter(id: string): DeadLetter {
  return {
    id,
    consumer: CONSUMER,
    eventId: randomUUID(),
    type: 'weft.test.retention.v1',
    payload: '{}',
    error: 'boom',
    attempts: 5,
    createdAt: new Date().toISOString(),
    replayedAt: null,
    discardedAt: null,
  };
}
