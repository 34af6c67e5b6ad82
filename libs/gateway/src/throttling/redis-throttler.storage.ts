import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { ThrottlerStorageRecord, windowRecord } from './memory-throttler.storage';

/**
 * One round trip per throttled request: INCR, the window's expiry set on its first hit, stretched to the
 * block duration on the first hit over the limit, and the count and time left returned together.
 */
const INCREMENT = `local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
if hits == tonumber(ARGV[2]) + 1 and tonumber(ARGV[3]) > ttl then
  ttl = tonumber(ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return {hits, ttl}`;

type WithThrottleCommand = Redis & {
  weftThrottleIncrement(key: string, ttl: number, limit: number, block: number): Promise<[number, number]>;
};

/** The same fixed window as MemoryThrottlerStorage, shared by every replica (EVALSHA of a script loaded once). */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: WithThrottleCommand;

  constructor(redis: Redis) {
    if (!('weftThrottleIncrement' in redis)) redis.defineCommand('weftThrottleIncrement', { numberOfKeys: 1, lua: INCREMENT });
    this.redis = redis as WithThrottleCommand;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const [hits, msLeft] = await this.redis.weftThrottleIncrement(key, ttl, limit, blockDuration);
    return windowRecord(hits, limit, msLeft);
  }
}
