import { installShutdown, withinDeadline } from './shutdown';

describe('installShutdown', () => {
  const lines: Record<string, unknown>[] = [];
  const log = (l: Record<string, unknown>) => void lines.push(l);
  beforeEach(() => {
    lines.length = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('drains (app.close) on the signal, then exits 0', async () => {
    let closed = false;
    const exit = jest.fn();
    const app = { close: () => new Promise<void>((r) => setTimeout(() => ((closed = true), r()), 300)) };
    const off = installShutdown(app, { service: 't', timeoutMs: 1000, signals: ['SIGUSR2'], exit, log });
    process.emit('SIGUSR2', 'SIGUSR2');
    await jest.advanceTimersByTimeAsync(299);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(10);
    expect(closed).toBe(true);
    expect(exit).toHaveBeenCalledWith(0);
    expect(lines.map((l) => l.msg)).toEqual(['draining', 'stopped']);
    off();
  });

  it('exits 1 when the drain overruns its deadline instead of hanging', async () => {
    const exit = jest.fn();
    const off = installShutdown(
      { close: () => new Promise(() => undefined) },
      { service: 't', timeoutMs: 500, signals: ['SIGUSR2'], exit, log },
    );
    process.emit('SIGUSR2', 'SIGUSR2');
    await jest.advanceTimersByTimeAsync(499);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(2);
    expect(exit).toHaveBeenCalledWith(1);
    off();
  });
});

describe('withinDeadline', () => {
  it('returns false once the deadline passes and true when the work finishes first', async () => {
    expect(await withinDeadline('never', new Promise(() => undefined), 20)).toBe(false);
    expect(await withinDeadline('quick', Promise.resolve(), 1000)).toBe(true);
  });
});
