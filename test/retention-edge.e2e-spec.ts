import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@weft/config';
import { IDEMPOTENCY_STORE, IdempotencyRecordEntity, IdempotencyStore } from '@weft/gateway';
import { OutboxRecord } from '@weft/messaging';
import { WeftMetrics } from '@weft/observability';
import { UnitOfWork } from '@weft/persistence';
import { CLOCK, DAY_MS, MetricsModule, RETENTION_RULES, RetentionPruner, RetentionRule } from '@weft/platform';
import { testEnv, waitFor } from '@weft/testing';
import { ExperienceApiModule } from '../apps/experience-api/src/experience-api.module';
import { ExperienceConfig } from '../apps/experience-api/src/experience.config';
import { ShopifyInboxRecord } from '../apps/experience-api/src/webhooks/shopify-inbox.entity';
import { ShopifyWebhookService } from '../apps/experience-api/src/webhooks/shopify-webhook.service';
import { expectIndexedPlans, JumpClock, prunedRows } from './support/retention';

const HOUR = 3_600_000;
const RESPONSE = { status: 201, headers: {}, body: { id: 'r-1' } };

/**
 * experience-api's retention (the Shopify inbox and the embedded idempotency store) on a real database
 * with the clock faked. The pruner runs on its own timer here (every second): the test waits for it.
 */
describe('retention in experience-api (real database, fake clock)', () => {
  let app: NestFastifyApplication;
  let clock: JumpClock;
  let uow: UnitOfWork;
  let webhooks: ShopifyWebhookService;
  let store: IdempotencyStore;
  let config: ExperienceConfig;
  const eventId = randomUUID();
  const deliver = () => webhooks.receive('{"id":1}', config.shopifyShops[0], { topic: 'orders/create', eventId, webhookId: randomUUID() });
  const records = () => uow.serialised(() => uow.manager.find(IdempotencyRecordEntity, { order: { id: 'ASC' } }));

  beforeAll(async () => {
    // Without REDIS_URL the idempotency records live in the database (PostgreSQL with WEFT_TEST_INFRA=real).
    const { REDIS_URL: _redis, ...env } = testEnv({ RETENTION_INTERVAL_SECONDS: '1', IDEMPOTENCY_TTL_SECONDS: String(24 * 3600) });
    config = loadConfig(ExperienceConfig, env);
    clock = new JumpClock();
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule.forApp(new WeftMetrics('experience-api')), ExperienceApiModule.register(config)],
    })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    uow = app.get(UnitOfWork);
    webhooks = app.get(ShopifyWebhookService);
    store = app.get(IDEMPOTENCY_STORE);

    expect((await deliver()).status).toBe('accepted');
    const done = await store.acquire('k-done', 'fp', 60_000);
    if (done.outcome !== 'acquired') throw new Error('expected the lease on k-done');
    await store.complete('k-done', done.lease, 'fp', RESPONSE, config.IDEMPOTENCY_TTL_SECONDS * 1000);
    // A request still in flight: its lease outlasts every jump below.
    expect((await store.acquire('k-pending', 'fp', 400 * DAY_MS)).outcome).toBe('acquired');
  });
  afterAll(() => app?.close());

  it('keeps a completed key through its TTL: the retry is answered from it after pruning', async () => {
    clock.jump(23 * HOUR);
    expect(await app.get(RetentionPruner).pruneNow()).toMatchObject({ gateway_idempotency_record: 0, shopify_inbox: 0 });
    expect(await store.acquire('k-done', 'fp', 60_000)).toEqual({ outcome: 'completed', fingerprint: 'fp', response: RESPONSE });
  });

  it('removes a completed key past its TTL in the background, never one in flight', async () => {
    clock.jump(2 * HOUR);
    const left = await waitFor('the expired key to go', records, (rs) => !rs.some((r) => r.id === 'k-done'));
    expect(left.map((r) => [r.id, r.state])).toEqual([['k-pending', 'pending']]);
    expect((await store.acquire('k-pending', 'fp', 60_000)).outcome).toBe('in-flight');
    expect(await prunedRows(app.get(WeftMetrics), 'gateway_idempotency_record')).toBeGreaterThanOrEqual(1);
  });

  it('deduplicates a Shopify redelivery inside the inbox window, after pruning', async () => {
    clock.jump(20 * DAY_MS);
    await app.get(RetentionPruner).pruneNow();
    expect((await deliver()).status).toBe('duplicate');
    expect(await uow.serialised(() => uow.manager.count(ShopifyInboxRecord, {}))).toBe(1);
  });

  it('removes the delivery past 30 days in the background, but not its undelivered outbox row', async () => {
    clock.jump(10 * DAY_MS);
    await waitFor(
      'the inbox row to go',
      () => uow.serialised(() => uow.manager.count(ShopifyInboxRecord, {})),
      (n) => n === 0,
    );
    expect(await prunedRows(app.get(WeftMetrics), 'shopify_inbox')).toBe(1);
    // process-api is not running: the forwarding event was never delivered, so it stays.
    const outbox = await uow.serialised(() => uow.manager.find(OutboxRecord, {}));
    expect(outbox.map((o) => o.publishedAt)).toEqual([null]);
    expect((await store.acquire('k-pending', 'fp', 60_000)).outcome).toBe('in-flight');
  });

  it('takes every batch through an index', async () => {
    await expectIndexedPlans(app.get(DataSource), app.get(RetentionPruner), app.get<RetentionRule[]>(RETENTION_RULES), clock.now());
  });
});
