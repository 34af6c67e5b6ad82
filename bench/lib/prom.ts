/** One scrape of an app's /metrics: `name{labels}` → value, every series (Prometheus text format). */
export type Scrape = Map<string, number>;

export async function scrape(baseUrl: string): Promise<Scrape> {
  const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const series: Scrape = new Map();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.length === 0) continue;
    const cut = line.lastIndexOf(' ');
    series.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return series;
}

/** The label value of `label` in a series key such as `name{a="x",b="y"}`. */
export function labelOf(key: string, label: string): string | undefined {
  return new RegExp(`[{,]${label}="([^"]*)"`).exec(key)?.[1];
}

/** Every series of metric `name` whose labels include all of `where`, keyed as scraped. */
export function select(s: Scrape, name: string, where: Record<string, string> = {}): [string, number][] {
  return [...s].filter(([k]) => {
    if (k !== name && !k.startsWith(`${name}{`)) return false;
    return Object.entries(where).every(([l, v]) => labelOf(k, l) === v);
  });
}

/** Sum of the matching series: e.g. a histogram's _count over every operation. */
export function total(s: Scrape, name: string, where: Record<string, string> = {}): number {
  return select(s, name, where).reduce((a, [, v]) => a + v, 0);
}
