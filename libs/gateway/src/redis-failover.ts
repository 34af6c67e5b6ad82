import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisReady } from './redis.token';

/**
 * Runs a policy on Redis, or on its in-process fallback while Redis is unreachable (not connected, or the
 * command failed). Nothing to switch back: the next call after ioredis has reconnected uses Redis again.
 * Logs each change of mode once, not per request.
 */
export class RedisFailover {
  private local = false;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  get degraded(): boolean {
    return this.local;
  }

  async run<T>(remote: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
    if (!redisReady(this.redis)) return this.fallBack(fallback, 'Redis is not connected');
    try {
      const result = await remote();
      if (this.local) {
        this.local = false;
        this.logger.log(`${this.what}: Redis is back, shared limits again`);
      }
      return result;
    } catch (e) {
      return this.fallBack(fallback, (e as Error).message);
    }
  }

  private fallBack<T>(fallback: () => T | Promise<T>, reason: string): T | Promise<T> {
    if (!this.local) {
      this.local = true;
      this.logger.warn(`${this.what}: ${reason}; using the per-process limit until it is back`);
    }
    return fallback();
  }
}
