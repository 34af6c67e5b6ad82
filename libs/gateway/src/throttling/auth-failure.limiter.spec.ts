import { MemoryAuthFailureLimiter } from './auth-failure.limiter';

describe('failed authentications per address', () => {
  it('blocks an address once it reaches the limit, for the rest of the window, and no other address', async () => {
    const limiter = new MemoryAuthFailureLimiter({ limit: 3, windowSeconds: 60 });
    for (let i = 0; i < 2; i++) await limiter.recordFailure('203.0.113.1');
    expect(await limiter.blockedFor('203.0.113.1')).toBe(0);
    await limiter.recordFailure('203.0.113.1');
    const wait = await limiter.blockedFor('203.0.113.1');
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limiter.blockedFor('203.0.113.2')).toBe(0);
  });

  it('starts a new window once the old one has passed', async () => {
    let now = 1_000_000;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const limiter = new MemoryAuthFailureLimiter({ limit: 1, windowSeconds: 10 });
      await limiter.recordFailure('a');
      expect(await limiter.blockedFor('a')).toBe(10);
      now += 10_001;
      expect(await limiter.blockedFor('a')).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});
