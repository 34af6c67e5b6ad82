import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisFailover } from '../redis-failover';

export const AUTH_FAILURE_LIMITER = Symbol('AUTH_FAILURE_LIMITER');

/**
 * Counts, per client address, the requests that ended 401 (no or bad token, bad signature, unknown
 * shop) in a fixed window. Asked before any signature work: an address over its budget is turned away
 * without a single HMAC or JWT verification.
 */
export interface AuthFailureLimiter {
  /** Seconds until the address may try again; 0 when it is within its budget. */
  blockedFor(address: string): Promise<number>;
  recordFailure(address: string): Promise<void>;
}

export interface AuthFailureBudget {
  limit: number;
  windowSeconds: number;
}

const MAX_TRACKED = 100_000;

export class MemoryAuthFailureLimiter implements AuthFailureLimiter {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();

  constructor(private readonly budget: AuthFailureBudget) {}

  async blockedFor(address: string): Promise<number> {
    const w = this.windows.get(address);
    if (!w || w.resetAt <= Date.now()) return 0;
    return w.failures >= this.budget.limit ? Math.max(1, Math.ceil((w.resetAt - Date.now()) / 1000)) : 0;
  }

  async recordFailure(address: string): Promise<void> {
    const now = Date.now();
    const w = this.windows.get(address);
    if (w && w.resetAt > now) {
      w.failures += 1;
      return;
    }
    if (this.windows.size >= MAX_TRACKED) this.evictExpired(now);
    this.windows.set(address, { failures: 1, resetAt: now + this.budget.windowSeconds * 1000 });
  }

  private evictExpired(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still full (a spray of addresses): forget the oldest rather than grow without bound.
    while (this.windows.size >= MAX_TRACKED) this.windows.delete(this.windows.keys().next().value as string);
  }
}

/** Keeps a bounded map from growing without limit under a spray of addresses: the oldest entry goes first. */
function remember(map: Map<string, number>, key: string, until: number): void {
  map.delete(key);
  if (map.size >= MAX_TRACKED) map.delete(map.keys().next().value as string);
  map.set(key, until);
}

/**
 * Shared by every replica, so the budget is per address, not per address and replica.
 *
 * The check runs before every request, so asking Redis each time made it the edge's largest cost (a
 * round trip per request on top of the throttle's). Each replica keeps what Redis last told it for an
 * address: a block until it ends, and "within budget" for `recheckMs`. Its own failures drop that answer
 * at once, and a failure that reaches the limit blocks here without another round trip. Failures counted
 * by other replicas are seen here at most `recheckMs` late: an address over the limit gets that long, at
 * worst, on a replica that had just cleared it.
 */
export class RedisAuthFailureLimiter implements AuthFailureLimiter {
  private readonly clearUntil = new Map<string, number>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly budget: AuthFailureBudget,
    private readonly recheckMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(address: string): string {
    return `${this.keyPrefix}throttle:unauthenticated:${address}`;
  }

  async blockedFor(address: string): Promise<number> {
    const now = this.now();
    const blocked = this.blockedUntil.get(address);
    if (blocked !== undefined) {
      if (blocked > now) return Math.max(1, Math.ceil((blocked - now) / 1000));
      this.blockedUntil.delete(address);
    }
    if ((this.clearUntil.get(address) ?? 0) > now) return 0;
    const [[, count], [, ttl]] = (await this.redis.pipeline().get(this.key(address)).pttl(this.key(address)).exec()) as [
      [null, string | null],
      [null, number],
    ];
    if (Number(count ?? 0) < this.budget.limit || ttl <= 0) {
      remember(this.clearUntil, address, now + this.recheckMs);
      return 0;
    }
    remember(this.blockedUntil, address, now + ttl);
    return Math.max(1, Math.ceil(ttl / 1000));
  }

  async recordFailure(address: string): Promise<void> {
    this.clearUntil.delete(address);
    const key = this.key(address);
    // NX: the window starts with the first failure and is not stretched by later ones.
    const [[, count], , [, ttl]] = (await this.redis
      .multi()
      .incr(key)
      .pexpire(key, this.budget.windowSeconds * 1000, 'NX')
      .pttl(key)
      .exec()) as [[null, number], [null, number], [null, number]];
    if (count >= this.budget.limit && ttl > 0) remember(this.blockedUntil, address, this.now() + ttl);
  }
}

/** Shared while Redis answers; each process's own count while it does not (it must never turn a request into a 500). */
export class FailoverAuthFailureLimiter implements AuthFailureLimiter {
  private readonly failover: RedisFailover;

  constructor(
    redis: Redis,
    private readonly shared: AuthFailureLimiter,
    private readonly local: AuthFailureLimiter,
  ) {
    this.failover = new RedisFailover(redis, new Logger('AuthFailureLimiter'), 'unauthenticated limit');
  }

  blockedFor(address: string): Promise<number> {
    return this.failover.run(
      () => this.shared.blockedFor(address),
      () => this.local.blockedFor(address),
    );
  }

  recordFailure(address: string): Promise<void> {
    return this.failover.run(
      () => this.shared.recordFailure(address),
      () => this.local.recordFailure(address),
    );
  }
}
