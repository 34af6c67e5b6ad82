/** Samples kept client-side from the polls: the charts show the last ones. */
export interface Sample {
  at: number;
  /** Orders per minute that reached the ERP since the previous poll. */
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

export function nextSample(
  prev: { at: number; accepted: number } | undefined,
  at: number,
  accepted: number,
  p50: number | null,
  p95: number | null,
): Sample {
  const minutes = prev ? (at - prev.at) / 60_000 : 0;
  const throughput = prev && minutes > 0 ? Math.max(0, accepted - prev.accepted) / minutes : null;
  return { at, throughput, p50, p95 };
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
