import { parseArgs } from 'node:util';
import { LayerClient } from '@weft/clients';
import { fail, layerClient, progressBar } from './shopify-cli';

interface Page {
  seen: number;
  fed: number;
  fedOrders: string[];
  nextCursor: string | null;
  watermark: string;
}

export interface CatchUpSummary {
  total: number;
  seen: number;
  fed: string[];
  watermark: string;
}

/** Pages the catch-up through process-api, reporting progress after each page. */
export async function catchUpShop(
  process_: LayerClient,
  shop: string,
  since: string,
  onProgress: (total: number, seen: number, fed: number) => void = () => undefined,
): Promise<CatchUpSummary> {
  const { count } = await process_.get<{ count: number }>('/v1/ops/shopify/catch-up/count', { query: { shop, since } });
  const summary: CatchUpSummary = { total: count, seen: 0, fed: [], watermark: since };
  onProgress(count, 0, 0);
  let after: string | undefined;
  do {
    const page = await process_.post<Page>('/v1/ops/shopify/catch-up/page', { shop, since, after });
    summary.seen += page.seen;
    summary.fed.push(...page.fedOrders);
    summary.watermark = page.watermark;
    onProgress(count, summary.seen, summary.fed.length);
    after = page.nextCursor ?? undefined;
  } while (after);
  return summary;
}

/**
 * `npm run shopify:catch-up -- --shop <name>.myshopify.com [--since <ISO time>]`: feeds every order
 * updated since `--since` (default: a day ago) that Weft has not seen into the webhook intake,
 * page by page through process-api, with a progress bar. The shop's watermark only moves forward.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shop: { type: 'string' }, since: { type: 'string' } } });
  if (!values.shop) fail('usage: npm run shopify:catch-up -- --shop <name>.myshopify.com [--since 2026-11-30T00:00:00Z]', 64);
  const since = values.since ?? new Date(Date.now() - 86_400_000).toISOString();
  if (Number.isNaN(Date.parse(since))) fail(`--since must be an ISO 8601 time, not ${since}`, 64);
  let draw: ((done: number, note: string) => void) | undefined;
  const summary = await catchUpShop(layerClient('process'), values.shop, since, (total, seen, fed) => {
    draw ??= progressBar(total);
    draw(seen, `orders checked, ${fed} fed to intake`);
  });
  process.stderr.write('\n');
  const { fed } = summary;
  process.stdout.write(
    `${values.shop}: ${summary.seen} order(s) updated since ${since}; ${fed.length} fed to intake${fed.length ? ` (${fed.join(', ')})` : ''}; watermark ${summary.watermark}\n`,
  );
}

if (require.main === module) void main().catch((e: unknown) => fail(`catch-up failed: ${(e as Error).message}`));
