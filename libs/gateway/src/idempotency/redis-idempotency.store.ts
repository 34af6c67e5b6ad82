import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { AcquireResult, IdempotencyStore, StoredResponse } from './idempotency.store';

interface RedisRecord {
  state: 'pending' | 'done';
  fingerprint: string;
  lease?: string;
  response?: StoredResponse;
}

// Compare-and-set on the exact pending value: a request whose lease was lost never overwrites another's.
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return nil`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Shared by every replica: the lock is SET NX PX, retention is the key's own expiry. */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private redisKey(key: string): string {
    return `${this.prefix}idempotency:${key}`;
  }

  async acquire(key: string, fingerprint: string, leaseMs: number): Promise<AcquireResult> {
    const pending = JSON.stringify({ state: 'pending', fingerprint, lease: randomUUID() } satisfies RedisRecord);
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.redis.set(this.redisKey(key), pending, 'PX', leaseMs, 'NX')) === 'OK') return { outcome: 'acquired', lease: pending };
      const current = await this.redis.get(this.redisKey(key));
      if (current === null) continue; // expired between SET and GET: try again
      const record = JSON.parse(current) as RedisRecord;
      if (record.state === 'done' && record.response)
        return { outcome: 'completed', fingerprint: record.fingerprint, response: record.response };
      return { outcome: 'in-flight', fingerprint: record.fingerprint };
    }
    throw new Error('Idempotency record kept changing under the lock');
  }

  async complete(key: string, lease: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const done = JSON.stringify({ state: 'done', fingerprint, response } satisfies RedisRecord);
    await this.redis.eval(COMPLETE, 1, this.redisKey(key), lease, done, String(ttlMs));
  }

  async release(key: string, lease: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.redisKey(key), lease);
  }
}
