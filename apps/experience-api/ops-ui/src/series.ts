/** Samples kept client-side from the polls: the charts show the last ones. */
export interface Sample {
  at: number;
  /** Orders past the ERP (accepted or further) at this poll. */
  accepted: number;
  /** Orders the ERP accepted in the minute before this poll (fewer seconds while the page is younger). */
  throughput: number | null;
  p50: number | null;
  p95: number | null;
}

export const MAX_SAMPLES = 120;

/** States an order is in once the ERP has accepted it: the count of these only grows with throughput. */
export const PAST_ERP = new Set(['ACCEPTED_BY_ERP', 'PARTIALLY_FULFILLED', 'FULFILLED', 'INVOICED', 'COMPLETED']);

export function acceptedTotal(flow: readonly { state: string; count: number }[]): number {
  return flow.filter((c) => PAST_ERP.has(c.state)).reduce((n, c) => n + c.count, 0);
}

/** A poll's sample: throughput is the growth since the newest earlier sample at least a minute old (else the first). */
export function nextSample(history: readonly Sample[], at: number, accepted: number, p50: number | null, p95: number | null): Sample {
  const base = [...history].reverse().find((s) => at - s.at >= 60_000) ?? history[0];
  const throughput = base ? Math.max(0, accepted - base.accepted) : null;
  return { at, accepted, throughput, p50, p95 };
}

export function push<T>(list: readonly T[], item: T, max = MAX_SAMPLES): T[] {
  return [...list, item].slice(-max);
}

/** An SVG polyline's points for values in a width × height box (nulls are skipped). */
export function polyline(values: readonly (number | null)[], width: number, height: number, max?: number): string {
  const top = max ?? Math.max(1e-9, ...values.filter((v): v is number => v !== null));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => (v === null ? null : `${(i * step).toFixed(1)},${(height - (Math.min(v, top) / top) * height).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
}

export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return '–';
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 120) return `${s.toFixed(1)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
