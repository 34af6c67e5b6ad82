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
    d.stop();
  });
});
