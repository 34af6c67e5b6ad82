import { KeyDebouncer } from './key-debouncer';

describe('KeyDebouncer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('turns a burst of 100 requests for one key into one call, keeping a forced one forced', async () => {
    const calls: [string, boolean, number][] = [];
    const d = new KeyDebouncer<string>(
      200,
      async (k, force, reasons) => void calls.push([k, force, reasons.length]),
      () => undefined,
    );
    for (let i = 0; i < 100; i++) d.request('SKU@WH', i === 50 ? 'drift' : 'sale', i === 50);
    d.request('OTHER@WH', 'sale');
    await jest.advanceTimersByTimeAsync(250);
    expect(calls).toEqual([
      ['SKU@WH', true, 2],
      ['OTHER@WH', false, 1],
    ]);
    d.request('SKU@WH', 'sale');
    await jest.advanceTimersByTimeAsync(250);
    expect(calls).toHaveLength(3);
  });

  it('flushes a steady stream once per window rather than never', async () => {
    let calls = 0;
    const d = new KeyDebouncer<string>(
      100,
      async () => void calls++,
      () => undefined,
    );
    for (let t = 0; t < 10; t++) {
      d.request('K', 'sale');
      await jest.advanceTimersByTimeAsync(50);
    }
    expect(calls).toBeGreaterThanOrEqual(4);
    await d.stop();
  });

  it('never overlaps two runs of one key: a window closing during a slow run waits for it', async () => {
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let figure = 9;
    const d = new KeyDebouncer<string>(
      100,
      async (k) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const read = figure;
        // The first run is slow (a loaded database): 500 ms between reading and writing.
        await new Promise((r) => setTimeout(r, log.length === 0 ? 500 : 10));
        log.push(`${k}=${read}`);
        inFlight--;
      },
      () => undefined,
    );
    d.request('K', 'sale');
    await jest.advanceTimersByTimeAsync(150); // first run in flight, it read 9
    figure = 10;
    d.request('K', 'sale');
    await jest.advanceTimersByTimeAsync(150); // second window closed while the first still runs
    await jest.advanceTimersByTimeAsync(1000);
    expect(maxInFlight).toBe(1);
    expect(log).toEqual(['K=9', 'K=10']);
  });

  it('stop() waits for the run in flight and refuses new requests', async () => {
    let done = 0;
    const d = new KeyDebouncer<string>(
      50,
      async () => {
        await new Promise((r) => setTimeout(r, 200));
        done++;
      },
      () => undefined,
    );
    d.request('K', 'sale');
    await jest.advanceTimersByTimeAsync(60);
    const stopped = d.stop();
    d.request('K', 'sale');
    await jest.advanceTimersByTimeAsync(300);
    await stopped;
    expect(done).toBe(1);
    expect(d.size).toBe(0);
  });
});
