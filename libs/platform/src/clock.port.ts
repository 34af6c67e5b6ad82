/** Time behind a port, so workflow backoff, give-up budgets and retention can be tested with a fake clock. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function isoAt(clock: Clock, plusMs = 0): string {
  return new Date(clock.now() + plusMs).toISOString();
}
