/** Time behind a port, so reservation expiry can be tested with a fake clock. */
export const ERP_CLOCK = Symbol('ERP_CLOCK');

export interface ErpClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemErpClock: ErpClock = { now: () => Date.now() };
