/** Shopify's view of an app's leaky bucket on one shop, from `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostBucketOptions {
  /** Points kept in hand so concurrent callers and estimate errors never empty the bucket. */
  reserve: number;
  /** Used for estimates until Shopify reports the shop's real figures. */
  initial: ThrottleStatus;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Paces one shop's calls on Shopify's calculated query cost: before a call it waits until the bucket
 * (as last reported, refilled at restoreRate since) holds the call's expected cost plus a reserve,
 * and takes that cost out; every response puts Shopify's own figures back. Calls are admitted in
 * order, one decision at a time, so a burst queues here instead of being throttled there. One bucket
 * per shop: Shopify limits per app and shop, so one shop's backlog never waits on another's.
 */
export class CostBucket {
  private available: number;
  private maximum: number;
  private restoreRate: number;
  private at: number;
  private queue: Promise<void> = Promise.resolve();
  /** Until the first answer the shop's bucket is unknown: the first call goes at once and tells us. */
  private known = false;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Total time callers waited for points (ms), for tests and metrics. */
  waitedMs = 0;

  constructor(private readonly options: CostBucketOptions) {
    this.available = options.initial.currentlyAvailable;
    this.maximum = options.initial.maximumAvailable;
    this.restoreRate = options.initial.restoreRate;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.at = this.now();
  }

  /** Points available now, by Shopify's last report plus what has been restored since. */
  estimate(): number {
    return Math.min(this.maximum, this.available + ((this.now() - this.at) / 1000) * this.restoreRate);
  }

  /** Waits (in arrival order) until `cost` points can be spent without emptying the bucket, then spends them. */
  acquire(cost: number): Promise<void> {
    const turn = this.queue.then(() => this.admit(cost));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async admit(cost: number): Promise<void> {
    const need = Math.min(cost + this.options.reserve, this.maximum);
    while (this.known) {
      const have = this.estimate();
      if (have >= need) break;
      const ms = Math.ceil(((need - have) / Math.max(this.restoreRate, 1)) * 1000);
      this.waitedMs += ms;
      await this.sleep(ms);
    }
    this.available = this.estimate() - cost;
    this.at = this.now();
  }

  /** Shopify's figures from a response: the truth, replacing the estimate. */
  update(status: ThrottleStatus | undefined, actualCost?: number, reservedCost?: number): void {
    if (status && Number.isFinite(status.currentlyAvailable)) {
      this.known = true;
      this.available = status.currentlyAvailable;
      this.maximum = status.maximumAvailable || this.maximum;
      this.restoreRate = status.restoreRate || this.restoreRate;
      this.at = this.now();
    } else if (actualCost !== undefined && reservedCost !== undefined) {
      this.available = Math.min(this.maximum, this.estimate() + reservedCost - actualCost);
    }
  }

  /** How long until `cost` points are back, by the current estimate (for a THROTTLED answer). */
  msUntil(cost: number): number {
    const missing = Math.min(cost, this.maximum) - this.estimate();
    return missing <= 0 ? 0 : Math.ceil((missing / Math.max(this.restoreRate, 1)) * 1000);
  }

  /** After a 429 without figures: assume the bucket is empty. */
  drain(): void {
    this.known = true;
    this.available = 0;
    this.at = this.now();
  }
}
