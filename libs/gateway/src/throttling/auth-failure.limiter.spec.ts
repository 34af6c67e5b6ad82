import type Redis from 'ioredis';
import { MemoryAuthFailureLimiter, RedisAuthFailureLimiter } from './auth-failure.limiter';

describe('failed authentications per address', () => {
  it('blocks an address once it reaches the limit, for the rest of the window, and no other address', async () => {
    const limiter = new MemoryAuthFailureLimiter({ limit: 3, windowSeconds: 60 });
    for (let i = 0; i < 2; i++) await limiter.recordFailure('203.0.113.1');
    expect(await limiter.blockedFor('203.0.113.1')).toBe(0);
    await limiter.recordFailure('203.0.113.1');
    const wait = await limiter.blockedFor('203.0.113.1');
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limiter.blockedFor('203.0.113.2')).toBe(0);
  });

  it('starts a new window once the old one has passed', async () => {
    let now = 1_000_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const limiter = new MemoryAuthFailureLimiter({ limit: 1, windowSeconds: 10 });
      await limiter.recordFailure('a');
      expect(await limiter.blockedFor('a')).toBe(10);
      now += 10_001;
      expect(await limiter.blockedFor('a')).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});

/** Just enough of ioredis for the limiter: GET/PTTL in a pipeline, INCR/PEXPIRE NX/PTTL in a MULTI, on a shared clock. */
function fakeRedis(clock: { now: number }) {
  const keys = new Map<string, { value: number; expiresAt: number | null }>();
  let roundTrips = 0;
  const live = (k: string) => {
    const e = keys.get(k);
    if (e && e.expiresAt !== null && e.expiresAt <= clock.now) keys.delete(k);
    return keys.get(k);
  };
  const batch = () => {
    const ops: (() => [null, unknown])[] = [];
    const b = {
      get: (k: string) => (ops.push(() => [null, live(k) ? String(live(k)!.value) : null]), b),
      pttl: (k: string) => (ops.push(() => [null, live(k) ? (live(k)!.expiresAt === null ? -1 : live(k)!.expiresAt! - clock.now) : -2]), b),
      incr: (k: string) => (
        ops.push(() => {
          const e = live(k) ?? { value: 0, expiresAt: null };
          e.value += 1;
          keys.set(k, e);
          return [null, e.value];
        }),
        b
      ),
      pexpire: (k: string, ms: number) => (
        ops.push(() => {
          const e = live(k);
          if (e && e.expiresAt === null) e.expiresAt = clock.now + ms;
          return [null, e ? 1 : 0];
        }),
        b
      ),
      exec: async () => {
        roundTrips++;
        return ops.map((op) => op());
      },
    };
    return b;
  };
  return { redis: { pipeline: batch, multi: batch } as unknown as Redis, roundTrips: () => roundTrips };
}

describe('failed authentications per address, shared in Redis', () => {
  const budget = { limit: 2, windowSeconds: 60 };

  it('asks Redis about a clean address once per recheck interval, not once per request', async () => {
    const clock = { now: 1_000_000 };
    const r = fakeRedis(clock);
    const limiter = new RedisAuthFailureLimiter(r.redis, 'w:', budget, 1_000, () => clock.now);
    for (let i = 0; i < 100; i++) expect(await limiter.blockedFor('198.51.100.1')).toBe(0);
    expect(r.roundTrips()).toBe(1);
    clock.now += 1_001;
    expect(await limiter.blockedFor('198.51.100.1')).toBe(0);
    expect(r.roundTrips()).toBe(2);
  });

  it('blocks at once on the replica that counted the last failure, and on another after at most the recheck interval', async () => {
    const clock = { now: 1_000_000 };
    const r = fakeRedis(clock);
    const a = new RedisAuthFailureLimiter(r.redis, 'w:', budget, 1_000, () => clock.now);
    const b = new RedisAuthFailureLimiter(r.redis, 'w:', budget, 1_000, () => clock.now);
    expect(await b.blockedFor('203.0.113.9')).toBe(0);
    await a.recordFailure('203.0.113.9');
    expect(await a.blockedFor('203.0.113.9')).toBe(0);
    await a.recordFailure('203.0.113.9');
    const trips = r.roundTrips();
    expect(await a.blockedFor('203.0.113.9')).toBe(60);
    expect(r.roundTrips()).toBe(trips);
    // b cleared the address just before: it may let it through until its answer is a second old.
    expect(await b.blockedFor('203.0.113.9')).toBe(0);
    clock.now += 1_001;
    expect(await b.blockedFor('203.0.113.9')).toBe(59);
    // The block ends with the window, everywhere.
    clock.now += 60_000;
    expect(await a.blockedFor('203.0.113.9')).toBe(0);
    expect(await b.blockedFor('203.0.113.9')).toBe(0);
  });
});
