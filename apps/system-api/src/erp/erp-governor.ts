/** One call's claim on the ERP's governance limit; released when the ERP is done with the call. */
export interface ErpPermit {
  release(): void;
}

/**
 * The ERP's governance limit as callers meet it: at most `limit` calls in flight and at most `rate` calls
 * started per window; the rest wait in order. `acquire` resolves when the call may be sent.
 */
export interface ErpGovernor {
  acquire(): Promise<ErpPermit>;
  /** This process's calls holding a permit and waiting for one (metrics). */
  readonly active: number;
  readonly queued: number;
}

export interface ErpLimits {
  concurrency: number;
  /** Calls started per window; 0 for no rate limit. */
  rate: number;
  windowMs: number;
}

/** Callers queued beyond it are refused at once (UNAVAILABLE) instead of growing the heap. */
export const ERP_QUEUE_CAPACITY = 100_000;

export class ErpQueueFullError extends Error {
  constructor() {
    super('ERP call queue is full');
  }
}

/** A FIFO with O(1) push and shift (Array#shift copies). */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  drain(): T[] {
    const rest = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return rest;
  }
}

/** The limit within one process: embedded mode, and the fallback of the shared one while Redis is down. */
export class LocalErpGovernor implements ErpGovernor {
  private inFlight = 0;
  private readonly waiters = new Fifo<(permit: ErpPermit) => void>();
  private windowStart = 0;
  private started = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly limits: ErpLimits) {}

  get active(): number {
    return this.inFlight;
  }

  get queued(): number {
    return this.waiters.length;
  }

  acquire(): Promise<ErpPermit> {
    if (this.waiters.length >= ERP_QUEUE_CAPACITY) return Promise.reject(new ErpQueueFullError());
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiters.length > 0 && this.inFlight < this.limits.concurrency) {
      const wait = this.rateWait(Date.now());
      if (wait > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.dispatch();
        }, wait);
        return;
      }
      this.inFlight++;
      this.started++;
      let released = false;
      this.waiters.shift()!({
        release: () => {
          if (released) return;
          released = true;
          this.inFlight--;
          this.dispatch();
        },
      });
    }
  }

  /** Fixed windows aligned on the epoch, as the shared limiter's (it uses Redis's clock). */
  private rateWait(now: number): number {
    if (this.limits.rate <= 0) return 0;
    if (now >= this.windowStart + this.limits.windowMs) {
      this.windowStart = now - (now % this.limits.windowMs);
      this.started = 0;
    }
    return this.started < this.limits.rate ? 0 : this.windowStart + this.limits.windowMs - now;
  }
}
