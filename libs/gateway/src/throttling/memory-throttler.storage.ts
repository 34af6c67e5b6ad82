import type { ThrottlerStorage } from '@nestjs/throttler';

/** The record the throttler guard reads (the package does not export its name). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  /** When the window (or the block that extended it) ends, epoch ms. */
  endsAt: number;
}

/** Keys kept at most; beyond it the oldest windows are forgotten (a spray of addresses must not grow the heap). */
export const MAX_THROTTLE_KEYS = 100_000;
/** Expired windows looked at per request: sweeping is paid a little at a time, with no timer. */
const SWEEP_PER_CALL = 2;

/** What one fixed window's count means for the guard; shared with the Redis store so both answer alike. */
export function windowRecord(hits: number, limit: number, msLeft: number): ThrottlerStorageRecord {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
}

/**
 * A fixed-window counter per key, O(1) per request: one Map lookup and, on the first hit over the limit,
 * the window stretched to the block duration. No timer per key and no list of hit times (the throttler's
 * default store keeps one timestamp per hit and filters it on every request). A window that starts again
 * is re-inserted, so the Map stays roughly in expiry order and each call drops the expired ones at its head.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly maxKeys = MAX_THROTTLE_KEYS) {}

  get size(): number {
    return this.windows.size;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    return this.incrementNow(key, ttl, limit, blockDuration, Date.now());
  }

  /** The synchronous core, with the clock passed in (the failover store and the unit test use it). */
  incrementNow(key: string, ttl: number, limit: number, blockDuration: number, now: number): ThrottlerStorageRecord {
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
      w = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, w);
    }
    w.hits += 1;
    if (w.hits === limit + 1) w.endsAt = Math.max(w.endsAt, now + blockDuration);
    return windowRecord(w.hits, limit, w.endsAt - now);
  }

  private sweep(now: number): void {
    for (let i = 0; i < SWEEP_PER_CALL; i++) {
      const head = this.windows.entries().next();
      if (head.done || head.value[1].endsAt > now) return;
      this.windows.delete(head.value[0]);
    }
  }
}
