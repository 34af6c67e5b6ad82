import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { loadConfig, WeftConfig } from '@weft/config';
import type { ReconciliationRunDto } from '@weft/retail-model';
import { VARIANCE_TYPES } from '@weft/retail-model';
import { signDevToken } from './token';

const USAGE =
  'usage: npm run reconcile -- --from 2026-11-30T00:00:00Z --to 2026-12-01T00:00:00Z [--url http://127.0.0.1:3000] [--csv out.csv]\n' +
  '  token: $WEFT_TOKEN (scope finance:read finance:write), else a development token in embedded mode\n';

/** The summary: one row per variance type, found in this run. */
export function summaryTable(run: ReconciliationRunDto): string {
  const rows: [string, string][] = [
    ['orders checked', `${run.ordersChecked} / ${run.ordersTotal}`],
    ['returns checked', `${run.returnsChecked} / ${run.returnsTotal}`],
    ...VARIANCE_TYPES.map((t): [string, string] => [t, String(run.byType[t] ?? 0)]),
    ['variances', String(run.varianceCount)],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const v = Math.max(...rows.map(([, x]) => x.length));
  const line = `+${'-'.repeat(w + 2)}+${'-'.repeat(v + 2)}+`;
  return [line, ...rows.map(([k, x]) => `| ${k.padEnd(w)} | ${x.padStart(v)} |`), line].join('\n');
}

async function call<T>(url: string, token: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
}

/** Starts a run at the edge, shows its progress until it ends, prints the summary; exit 1 on variances, 2 on failure. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, url: { type: 'string' }, csv: { type: 'string' } },
  });
  if (!values.from || !values.to) {
    process.stderr.write(USAGE);
    process.exit(64);
  }
  const config = loadConfig(WeftConfig);
  const base = values.url ?? `http://${config.HOST}:${config.EXPERIENCE_API_PORT}`;
  const token =
    process.env.WEFT_TOKEN ??
    (config.NODE_ENV === 'production'
      ? (() => {
          process.stderr.write('set WEFT_TOKEN to a token with finance:read finance:write\n');
          process.exit(64);
        })()
      : await signDevToken(config, {
          sub: `cli:${process.env.USER ?? 'operator'}`,
          scope: 'finance:read finance:write',
          ttlSeconds: 3600,
        }));
  let run = await call<ReconciliationRunDto>(`${base}/v1/reconciliation/runs`, token, {
    method: 'POST',
    body: JSON.stringify({ from: new Date(values.from).toISOString(), to: new Date(values.to).toISOString() }),
  });
  process.stderr.write(`run ${run.id} over [${run.from}, ${run.to})\n`);
  const bar = new SingleBar({
    format: ' {bar} {percentage}% | {value}/{total} orders+returns | {variances} variances',
    stream: process.stderr,
  });
  bar.start(Math.max(1, run.ordersTotal + run.returnsTotal), 0, { variances: 0 });
  while (run.state === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 500));
    run = await call<ReconciliationRunDto>(`${base}/v1/reconciliation/runs/${run.id}`, token);
    bar.update(run.ordersChecked + run.returnsChecked, { variances: run.varianceCount });
  }
  bar.stop();
  process.stdout.write(`${summaryTable(run)}\n`);
  if (values.csv) {
    const csv = await call<string>(`${base}/v1/reconciliation/runs/${run.id}/export`, token);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.csv, csv);
    process.stderr.write(`variances written to ${values.csv}\n`);
  }
  if (run.state === 'FAILED') {
    process.stderr.write(`run failed: ${run.error}\n`);
    process.exit(2);
  }
  process.exit(run.varianceCount > 0 ? 1 : 0);
}

if (require.main === module) void main();
