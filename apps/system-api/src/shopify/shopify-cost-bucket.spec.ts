import { CostBucket } from './shopify-cost-bucket';

function clockedBucket(reserve = 50) {
  let now = 0;
  const slept: number[] = [];
  const bucket = new CostBucket({
    reserve,
    initial: { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 100 },
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { bucket, slept, advance: (ms: number) => (now += ms) };
}

describe('CostBucket (per-shop pacing on Shopify query cost)', () => {
  it('sends the first call at once, before Shopify has reported the bucket', async () => {
    const { bucket, slept } = clockedBucket();
    await bucket.acquire(900);
    expect(slept).toEqual([]);
  });

  it('waits until the reported bucket, refilled at restoreRate, holds the cost plus the reserve', async () => {
    const { bucket, slept } = clockedBucket();
    bucket.update({ maximumAvailable: 1000, currentlyAvailable: 20, restoreRate: 100 });
    await bucket.acquire(10);
    // needs 60, has 20: 40 points at 100/s
    expect(slept).toEqual([400]);
    expect(bucket.estimate()).toBeCloseTo(50);
  });

  it('queues a burst in order and spends each call, so the bucket is never emptied', async () => {
    const { bucket, slept } = clockedBucket(0);
    bucket.update({ maximumAvailable: 1000, currentlyAvailable: 30, restoreRate: 100 });
    await Promise.all([bucket.acquire(10), bucket.acquire(10), bucket.acquire(10), bucket.acquire(10)]);
    expect(slept).toEqual([100]);
    expect(bucket.estimate()).toBeGreaterThanOrEqual(0);
  });

  it('restores points with time and never beyond the maximum', () => {
    const { bucket, advance } = clockedBucket();
    bucket.update({ maximumAvailable: 1000, currentlyAvailable: 900, restoreRate: 100 });
    advance(5_000);
    expect(bucket.estimate()).toBe(1000);
  });

  it('after a 429 without figures assumes an empty bucket', () => {
    const { bucket } = clockedBucket();
    bucket.drain();
    expect(bucket.msUntil(100)).toBe(1000);
  });
});
