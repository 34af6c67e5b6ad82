/**
 * Per-request cost of the edge's throttle stores, measured in one process: `increment` called in a
 * loop (sequentially, as one request at a time would) over a working set of callers, each store given
 * the same keys, limit and window. Usage: node -r ./libs/testing/src/ts-register.cjs bench/throttle-store.ts [redis-url]
 */
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import { MemoryThrottlerStorage, RedisThrottlerStorage } from '@weft/gateway';

interface Store {
  increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<unknown>;
}

async function measure(name: string, store: Store, calls: number, keys: number, limit: number): Promise<void> {
  const ttl = 60_000;
  for (let i = 0; i < Math.min(calls, 2_000); i++) await store.increment(`warm:${i % keys}`, ttl, limit, ttl, 'reads');
  const start = performance.now();
  for (let i = 0; i < calls; i++) await store.increment(`k:${i % keys}`, ttl, limit, ttl, 'reads');
  const us = ((performance.now() - start) * 1000) / calls;
  console.log(
    `${name.padEnd(44)} ${String(calls).padStart(7)} calls, ${String(keys).padStart(6)} keys, limit ${limit}: ${us.toFixed(2)} µs/call`,
  );
}

async function main(): Promise<void> {
  const url = process.argv[2];
  for (const [keys, limit] of [
    [100, 600],
    [10_000, 600],
  ] as const) {
    await measure('@nestjs/throttler ThrottlerStorageService', new ThrottlerStorageService(), 200_000, keys, limit);
    await measure('MemoryThrottlerStorage (fixed window)', new MemoryThrottlerStorage(), 200_000, keys, limit);
  }
  if (!url) return;
  const redis = new Redis(url);
  try {
    await redis.flushdb();
    await measure('@nest-lab ThrottlerStorageRedisService', new ThrottlerStorageRedisService(redis), 20_000, 100, 600);
    await measure('RedisThrottlerStorage (one EVALSHA)', new RedisThrottlerStorage(redis), 20_000, 100, 600);
    const counted = new Redis(url);
    for (const [name, store] of [
      ['@nest-lab', new ThrottlerStorageRedisService(redis)],
      ['RedisThrottlerStorage', new RedisThrottlerStorage(redis)],
    ] as const) {
      await store.increment('probe-warm', 60_000, 600, 60_000, 'reads');
      await counted.config('RESETSTAT');
      await store.increment(`probe-${name}`, 60_000, 600, 60_000, 'reads');
      await store.increment(`probe-${name}`, 60_000, 600, 60_000, 'reads');
      const stats = (await counted.info('commandstats')).split('\n').filter((l) => l.startsWith('cmdstat_') && !l.includes('config'));
      console.log(
        `${name}: commands for two increments of one key: ${stats.map((l) => `${l.split(':')[0].slice(8)}=${/calls=(\d+)/.exec(l)?.[1]}`).join(' ')}`,
      );
    }
    counted.disconnect();
  } finally {
    redis.disconnect();
  }
}

void main();
