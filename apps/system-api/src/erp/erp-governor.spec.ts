import { ErpPermit, LocalErpGovernor } from './erp-governor';

describe('LocalErpGovernor', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  const settled = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('lets `concurrency` calls in at once and the next one in order as each is released', async () => {
    const governor = new LocalErpGovernor({ concurrency: 2, rate: 0, windowMs: 1000 });
    const granted: number[] = [];
    const permits: ErpPermit[] = [];
    for (let i = 0; i < 4; i++)
      void governor.acquire().then((p) => {
        granted.push(i);
        permits.push(p);
      });
    await settled();
    expect(granted).toEqual([0, 1]);
    expect(governor.queued).toBe(2);
    permits[0].release();
    permits[0].release(); // a second release of the same permit frees nothing more
    await settled();
    expect(granted).toEqual([0, 1, 2]);
    expect(governor.active).toBe(2);
  });

  it('starts at most `rate` calls per window, the rest when the window turns', async () => {
    const governor = new LocalErpGovernor({ concurrency: 10, rate: 3, windowMs: 1000 });
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) void governor.acquire().then((p) => (granted.push(i), p.release()));
    await settled();
    expect(granted).toEqual([0, 1, 2]);
    jest.advanceTimersByTime(999);
    await settled();
    expect(granted).toHaveLength(3);
    jest.advanceTimersByTime(1);
    await settled();
    expect(granted).toEqual([0, 1, 2, 3, 4]);
  });
});
