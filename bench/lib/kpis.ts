/** The business KPIs of issue #15 as process-api's and experience-api's /metrics show them during a drain. */
const KPI_SERIES = [
  'weft_order_sync_duration_seconds_count',
  'weft_order_sync_duration_seconds_sum',
  'weft_orders',
  'weft_order_oldest_age_seconds',
  'weft_exceptions_open',
  'weft_order_exceptions_total',
  'weft_outbox_pending_rows',
  'weft_outbox_oldest_age_seconds',
  'weft_dead_letters',
] as const;

export interface KpiSample {
  t: number;
  app: string;
  /** `name{labels}` → value, only the KPI series. */
  series: Record<string, number>;
}

/** Reads one app's /metrics (Prometheus text) and keeps the KPI series; an unreachable app yields none. */
export async function scrapeKpis(app: string, baseUrl: string, t: number): Promise<KpiSample> {
  const series: Record<string, number> = {};
  try {
    const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || line.length === 0) continue;
      const name = line.slice(0, line.search(/[{ ]/));
      if (!(KPI_SERIES as readonly string[]).includes(name)) continue;
      const cut = line.lastIndexOf(' ');
      series[line.slice(0, cut)] = Number(line.slice(cut + 1));
    }
  } catch {
    // a scrape is best-effort: the drain's own figures do not depend on it
  }
  return { t, app, series };
}

/** The rows that moved between two samples of one app: what the KPIs showed while the drain ran. */
export function kpiChanges(first: KpiSample, last: KpiSample): (string | number)[][] {
  const keys = new Set([...Object.keys(first.series), ...Object.keys(last.series)]);
  return [...keys]
    .sort()
    .filter((k) => (first.series[k] ?? 0) !== (last.series[k] ?? 0))
    .map((k) => [`${last.app} ${k}`, first.series[k] ?? 0, last.series[k] ?? 0]);
}
