import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { RedisFailover } from '../redis-failover';
import { MemoryThrottlerStorage, ThrottlerStorageRecord } from './memory-throttler.storage';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Throttling fails open, but not to unlimited: while Redis is unreachable each process counts on its own
 * (the same limit per process, so N replicas admit up to N times the shared budget), and the shared counters
 * take over again as soon as Redis answers.
 */
export class FailoverThrottlerStorage implements ThrottlerStorage {
  private readonly failover: RedisFailover;

  constructor(
    redis: Redis,
    private readonly shared = new RedisThrottlerStorage(redis),
    private readonly local = new MemoryThrottlerStorage(),
  ) {
    this.failover = new RedisFailover(redis, new Logger('Throttling'), 'throttling');
  }

  get degraded(): boolean {
    return this.failover.degraded;
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    return this.failover.run(
      () => this.shared.increment(key, ttl, limit, blockDuration),
      () => this.local.incrementNow(key, ttl, limit, blockDuration, Date.now()),
    );
  }
}
