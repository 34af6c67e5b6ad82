import { labelOf, Scrape, select, total } from './prom';
import { round } from './procs';

const IN_FLIGHT = 'weft_outbound_call_in_flight_seconds';

export interface ErpFigures {
  /** ERP calls the gateway sent in the window (attempts: a retried call counts each time it used a slot). */
  calls: number;
  callsPerOrder: number;
  /** Sum of every attempt's slot time, seconds. */
  busySeconds: number;
  /** busySeconds / (limit × window): the share of the ERP's slots in use. */
  busyPct: number;
  /** Mean slot time per call: the configured latency plus the adapter's own work. */
  meanInFlightMs: number;
  /** limit / (calls per order × configured latency): orders/s if every slot were always busy. */
  ceilingAtLatency: number;
  /** The same with the measured mean slot time per call. */
  ceilingMeasured: number;
  perOperation: Record<string, { calls: number; meanMs: number }>;
}

/**
 * The ERP side of a drain from system-api's own /metrics, scraped before and after: the gateway's
 * in-flight histogram gives calls (count) and busy time (sum) for whatever adapter is configured.
 */
export function erpFigures(
  before: Scrape,
  after: Scrape,
  o: { orders: number; seconds: number; limit: number; latencyMs: number },
): ErpFigures {
  const delta = (suffix: string, where: Record<string, string> = {}): number =>
    total(after, `${IN_FLIGHT}${suffix}`, { target: 'erp', ...where }) -
    total(before, `${IN_FLIGHT}${suffix}`, { target: 'erp', ...where });
  const calls = delta('_count');
  const busySeconds = delta('_sum');
  const callsPerOrder = calls / o.orders;
  const meanInFlight = calls > 0 ? busySeconds / calls : NaN;
  const perOperation: ErpFigures['perOperation'] = {};
  for (const [key] of select(after, `${IN_FLIGHT}_count`, { target: 'erp' })) {
    const op = labelOf(key, 'operation') ?? '?';
    const n = delta('_count', { operation: op });
    if (n > 0) perOperation[op] = { calls: n, meanMs: round((delta('_sum', { operation: op }) / n) * 1000, 1) };
  }
  return {
    calls,
    callsPerOrder: round(callsPerOrder, 2),
    busySeconds: round(busySeconds, 2),
    busyPct: round((busySeconds / (o.limit * o.seconds)) * 100, 1),
    meanInFlightMs: round(meanInFlight * 1000, 1),
    ceilingAtLatency: o.latencyMs > 0 ? round(o.limit / (callsPerOrder * (o.latencyMs / 1000)), 1) : NaN,
    ceilingMeasured: round(o.limit / (callsPerOrder * meanInFlight), 1),
    perOperation,
  };
}
