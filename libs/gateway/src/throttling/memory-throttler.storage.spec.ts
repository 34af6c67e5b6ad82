import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  it('counts a fixed window, blocks from the first request past the limit for blockDuration (as @nestjs/throttler), then starts again', () => {
    const store = new MemoryThrottlerStorage();
    const t0 = 1_000_000;
    expect(store.incrementNow('k', 10_000, 2, 10_000, t0)).toEqual({
      totalHits: 1,
      timeToExpire: 10,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    expect(store.incrementNow('k', 10_000, 2, 10_000, t0 + 4_000).totalHits).toBe(2);
    const over = store.incrementNow('k', 10_000, 2, 10_000, t0 + 5_000);
    expect(over).toEqual({ totalHits: 3, timeToExpire: 10, isBlocked: true, timeToBlockExpire: 10 });
    expect(store.incrementNow('k', 10_000, 2, 10_000, t0 + 14_999)).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 1 });
    expect(store.incrementNow('k', 10_000, 2, 10_000, t0 + 15_000)).toEqual({
      totalHits: 1,
      timeToExpire: 10,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    // A block longer than the window; and a block shorter than what is left of the window does not shorten it.
    store.incrementNow('b', 1_000, 0, 30_000, t0);
    expect(store.incrementNow('b', 1_000, 0, 30_000, t0 + 20_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 10 });
    store.incrementNow('s', 60_000, 0, 1_000, t0);
    expect(store.incrementNow('s', 60_000, 0, 1_000, t0 + 30_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
  });

  it('keeps at most maxKeys windows and drops expired ones as it goes, with no timer', () => {
    const store = new MemoryThrottlerStorage(100);
    for (let i = 0; i < 1_000; i++) store.incrementNow(`spray:${i}`, 1_000, 5, 1_000, 0);
    expect(store.size).toBe(100);
    // Every window has expired: each call sweeps expired ones at the head of the map.
    for (let i = 0; i < 60; i++) store.incrementNow('late', 1_000, 5, 1_000, 5_000 + i);
    expect(store.size).toBe(1);
  });
});
