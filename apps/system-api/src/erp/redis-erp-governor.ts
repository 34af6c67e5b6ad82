import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { redisReady } from '@weft/gateway';
import { ERP_QUEUE_CAPACITY, ErpGovernor, ErpLimits, ErpPermit, ErpQueueFullError, Fifo, LocalErpGovernor } from './erp-governor';

/**
 * A slot is a member of a sorted set scored by its lease's end (Redis's clock, so replicas' clocks do not
 * matter). Expired leases (a replica that died holding them) are dropped first; then the rate window and
 * the free slots are checked and both taken in the same step. Returns {1, 0} granted, {0, ms} when the
 * rate window is spent (ms until it turns), {0, -1} when every slot is held.
 */
const ACQUIRE = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local rate = tonumber(ARGV[4])
local window = tonumber(ARGV[5])
local windowKey = KEYS[2] .. ':' .. math.floor(now / window)
if rate > 0 and tonumber(redis.call('GET', windowKey) or '0') >= rate then
  return {0, window - (now % window)}
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {0, -1} end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
if rate > 0 then
  redis.call('INCR', windowKey)
  redis.call('PEXPIRE', windowKey, window * 2)
end
return {1, 0}`;

/** Pushes the leases of the calls still in flight forward; a lease already lost is not re-added (XX). */
const RENEW = `local t = redis.call('TIME')
local until = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', until, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`;

/** How long a slot outlives a replica that died holding it; renewed while the call runs. */
export const ERP_LEASE_MS = 15_000;
const POLL_MIN_MS = 5;
const POLL_MAX_MS = 100;

type GovernedRedis = Redis & {
  weftErpAcquire(
    slots: string,
    rate: string,
    token: string,
    limit: number,
    lease: number,
    rateLimit: number,
    windowMs: number,
  ): Promise<[number, number]>;
  weftErpRenew(slots: string, lease: number, ...tokens: string[]): Promise<number>;
};

/**
 * The ERP's limit shared by every system-api replica on one Redis. Callers wait in a local FIFO and only
 * its head asks Redis (one script per attempt), polling with capped backoff while the slots are held by
 * other replicas, and woken at once when a call of this replica ends. While Redis is unreachable the
 * process falls back to its own limit (LocalErpGovernor), so N replicas may then send up to N times it;
 * the ERP's own 429s are transient errors that are retried.
 */
export class RedisErpGovernor implements ErpGovernor {
  private readonly logger = new Logger('ErpGovernor');
  private readonly redis: GovernedRedis;
  private readonly local: LocalErpGovernor;
  private readonly waiters = new Fifo<{ resolve: (p: ErpPermit) => void; reject: (e: unknown) => void }>();
  private readonly held = new Set<string>();
  private pumping = false;
  private wake?: () => void;
  private renewal?: NodeJS.Timeout;
  private degraded = false;

  constructor(
    redis: Redis,
    private readonly keys: { slots: string; rate: string },
    private readonly limits: ErpLimits,
  ) {
    if (!('weftErpAcquire' in redis)) {
      redis.defineCommand('weftErpAcquire', { numberOfKeys: 2, lua: ACQUIRE });
      redis.defineCommand('weftErpRenew', { numberOfKeys: 1, lua: RENEW });
    }
    this.redis = redis as GovernedRedis;
    this.local = new LocalErpGovernor(limits);
  }

  get active(): number {
    return this.held.size + this.local.active;
  }

  get queued(): number {
    return this.waiters.length + this.local.queued;
  }

  acquire(): Promise<ErpPermit> {
    if (!redisReady(this.redis)) return this.fallBack('Redis is not connected');
    if (this.waiters.length >= ERP_QUEUE_CAPACITY) return Promise.reject(new ErpQueueFullError());
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      void this.pump();
    });
  }

  private fallBack(reason: string): Promise<ErpPermit> {
    if (!this.degraded) {
      this.degraded = true;
      this.logger.warn(`ERP limit: ${reason}; this process keeps its own limit until Redis is back`);
    }
    return this.local.acquire();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    let pause = POLL_MIN_MS;
    try {
      while (this.waiters.length > 0) {
        const token = randomUUID();
        let granted: number;
        let waitMs: number;
        try {
          [granted, waitMs] = await this.redis.weftErpAcquire(
            this.keys.slots,
            this.keys.rate,
            token,
            this.limits.concurrency,
            ERP_LEASE_MS,
            this.limits.rate,
            this.limits.windowMs,
          );
        } catch (e) {
          // Redis went away with callers waiting: they are served by the local limit from now on.
          for (const w of this.waiters.drain()) this.fallBack((e as Error).message).then(w.resolve, w.reject);
          return;
        }
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('ERP limit: Redis is back, shared limit again');
        }
        if (granted === 1) {
          pause = POLL_MIN_MS;
          this.waiters.shift()!.resolve(this.permit(token));
          continue;
        }
        const jitter = Math.random() * pause;
        await this.sleep(waitMs > 0 ? waitMs + jitter : pause + jitter);
        pause = Math.min(POLL_MAX_MS, pause * 2);
      }
    } finally {
      this.pumping = false;
    }
  }

  private permit(token: string): ErpPermit {
    this.held.add(token);
    this.scheduleRenewal();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held.delete(token);
        if (this.held.size === 0 && this.renewal) {
          clearInterval(this.renewal);
          this.renewal = undefined;
        }
        // A lost release is not fatal: the lease lapses on its own.
        this.redis.zrem(this.keys.slots, token).catch(() => undefined);
        this.wake?.();
      },
    };
  }

  /** One timer per process (not per call) while any call is in flight. */
  private scheduleRenewal(): void {
    if (this.renewal) return;
    this.renewal = setInterval(() => {
      if (this.held.size === 0 || !redisReady(this.redis)) return;
      this.redis.weftErpRenew(this.keys.slots, ERP_LEASE_MS, ...this.held).catch(() => undefined);
    }, ERP_LEASE_MS / 3);
    this.renewal.unref();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
