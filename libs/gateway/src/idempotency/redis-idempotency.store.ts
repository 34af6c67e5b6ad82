import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { redisReady } from '../redis.token';
import { AcquireResult, IdempotencyStore, IdempotencyUnavailableError, StoredResponse } from './idempotency.store';

interface RedisRecord {
  state: 'pending' | 'done';
  fingerprint: string;
  lease?: string;
  response?: StoredResponse;
}

// One round trip to claim: SET NX PX, or the record that holds the key (in flight, or the stored answer).
const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return false end
return redis.call('GET', KEYS[1])`;
// Compare-and-set on the exact pending value: a request whose lease was lost never overwrites another's.
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return nil`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Shared by every replica: the lock is SET NX PX, retention is the key's own expiry. Fails closed: with
 * Redis unreachable no request is claimed (the interceptor answers 503), so none can run twice.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis & { weftIdempotencyAcquire(key: string, pending: string, leaseMs: number): Promise<string | null> };

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // A command defined once is sent as EVALSHA: the script is not resent with every request.
    if (!('weftIdempotencyAcquire' in redis)) redis.defineCommand('weftIdempotencyAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    this.redis = redis as RedisIdempotencyStore['redis'];
  }

  private redisKey(key: string): string {
    return `${this.prefix}idempotency:${key}`;
  }

  async acquire(key: string, fingerprint: string, leaseMs: number): Promise<AcquireResult> {
    if (!redisReady(this.redis)) throw new IdempotencyUnavailableError('Redis is not connected');
    const pending = JSON.stringify({ state: 'pending', fingerprint, lease: randomUUID() } satisfies RedisRecord);
    const current = await this.redis.weftIdempotencyAcquire(this.redisKey(key), pending, leaseMs);
    if (current === null) return { outcome: 'acquired', lease: pending };
    const record = JSON.parse(current) as RedisRecord;
    if (record.state === 'done' && record.response)
      return { outcome: 'completed', fingerprint: record.fingerprint, response: record.response };
    return { outcome: 'in-flight', fingerprint: record.fingerprint };
  }

  async complete(key: string, lease: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const done = JSON.stringify({ state: 'done', fingerprint, response } satisfies RedisRecord);
    await this.redis.eval(COMPLETE, 1, this.redisKey(key), lease, done, String(ttlMs));
  }

  async release(key: string, lease: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.redisKey(key), lease);
  }
}
