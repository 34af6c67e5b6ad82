import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig, WeftConfig } from '@weft/config';
import { dataSourceOptions, UnitOfWork } from '@weft/persistence';
import { REAL_INFRA, testEnv } from '@weft/testing';
import { DbIdempotencyStore } from './db-idempotency.store';
import { IdempotencyRecordEntity } from './idempotency-record.entity';
import { IdempotencyStore } from './idempotency.store';
import { RedisIdempotencyStore } from './redis-idempotency.store';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESPONSE = { status: 201, headers: { location: '/v1/x/1' }, body: { id: 1 } };

interface Harness {
  store: IdempotencyStore;
  /** Lets time pass beyond `ms` for the store. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** SQLite in memory by default; with WEFT_TEST_INFRA=real, a PostgreSQL schema of its own. */
async function dbHarness(): Promise<Harness & { store: DbIdempotencyStore }> {
  const options: DataSourceOptions = REAL_INFRA
    ? await dataSourceOptions(loadConfig(WeftConfig, testEnv()), 'gateway_spec', [IdempotencyRecordEntity])
    : { type: 'better-sqlite3', database: ':memory:', entities: [IdempotencyRecordEntity], synchronize: true };
  const ds = await new DataSource(options).initialize();
  let clock = 1_000_000;
  const store = new DbIdempotencyStore(ds.getRepository(IdempotencyRecordEntity), new UnitOfWork(ds), () => clock);
  return {
    store,
    advance: async (ms) => {
      clock += ms;
    },
    close: async () => {
      await ds.destroy();
    },
  };
}

async function redisHarness(): Promise<Harness> {
  // Connected first, as InfraModule hands it over: the store refuses (fails closed) on a connection that is not ready.
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const prefix = `t_${randomBytes(4).toString('hex')}:`;
  return {
    store: new RedisIdempotencyStore(redis, prefix),
    // Redis expires keys on its own clock, which a test cannot move: wait until every key of this store
    // that expires within `ms` is gone (the condition), rather than sleeping for `ms`.
    advance: async (ms) => {
      const keys = await redis.keys(`${prefix}*`);
      const due = [];
      for (const k of keys) {
        const ttl = await redis.pttl(k);
        if (ttl >= 0 && ttl <= ms) due.push(k);
      }
      const until = Date.now() + 10_000;
      while (due.length > 0 && (await redis.exists(...due)) > 0) {
        if (Date.now() > until) throw new Error(`keys ${due.join(', ')} did not expire`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => redis.disconnect(),
  };
}

describe.each([
  [`DbIdempotencyStore (${REAL_INFRA ? 'PostgreSQL' : 'SQLite'})`, dbHarness],
  ['RedisIdempotencyStore', redisHarness],
])('%s', (_, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(() => h.close());

  it('gives the lease to exactly one of many concurrent acquirers', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => h.store.acquire('k1', 'fp', 10_000)));
    expect(results.filter((r) => r.outcome === 'acquired')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'in-flight')).toHaveLength(7);
  });

  it('stores the completed response and returns it with the fingerprint', async () => {
    const first = await h.store.acquire('k2', 'fp', 10_000);
    if (first.outcome !== 'acquired') throw new Error('expected the lease');
    await h.store.complete('k2', first.lease, 'fp', RESPONSE, 60_000);
    expect(await h.store.acquire('k2', 'other', 10_000)).toEqual({ outcome: 'completed', fingerprint: 'fp', response: RESPONSE });
  });

  it('frees the key on release; a stale lease cannot release or complete another holder', async () => {
    const first = await h.store.acquire('k3', 'fp', 10_000);
    if (first.outcome !== 'acquired') throw new Error('expected the lease');
    await h.store.release('k3', first.lease);
    const second = await h.store.acquire('k3', 'fp', 10_000);
    expect(second.outcome).toBe('acquired');
    await h.store.release('k3', first.lease);
    await h.store.complete('k3', first.lease, 'fp', RESPONSE, 60_000);
    expect((await h.store.acquire('k3', 'fp', 10_000)).outcome).toBe('in-flight');
  });

  it('ignores an expired record (retention over) and an expired lease (crashed holder)', async () => {
    const a = await h.store.acquire('k4', 'fp', 10_000);
    if (a.outcome !== 'acquired') throw new Error('expected the lease');
    await h.store.complete('k4', a.lease, 'fp', RESPONSE, 150);
    await h.advance(300);
    expect((await h.store.acquire('k4', 'fp2', 150)).outcome).toBe('acquired');
    await h.advance(300);
    expect((await h.store.acquire('k4', 'fp3', 10_000)).outcome).toBe('acquired');
  });
});
