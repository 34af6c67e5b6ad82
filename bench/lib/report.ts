import { LoadFigures } from './load';
import { ProfileSummary } from './profile';

const out = (s = ''): boolean => process.stdout.write(`${s}\n`);

export function table(title: string, head: string[], rows: (string | number)[][]): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  out();
  out(title);
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out(line(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) out(line(r));
}

/** rps, p50, p99, and a note when anything but 2xx came back. */
export function loadRow(label: string, f: LoadFigures): (string | number)[] {
  const bad = f.non2xx + f.errors + f.timeouts;
  return [label, f.requests, f.rps, f.p50Ms, f.p99Ms, bad ? `${bad} not 2xx ${JSON.stringify(f.statusCodes)}` : ''];
}

export const LOAD_HEAD = ['', 'requests', 'rps (2xx)', 'p50 ms', 'p99 ms', 'note'];

export function printProfile(p: ProfileSummary): void {
  table(
    `CPU profile ${p.file}: ${p.totalMs} ms sampled, ${p.idlePct} % idle; self time of the busy part`,
    ['function', 'where', 'ms', '%'],
    p.functions.map((f) => [f.name, f.where, f.ms, f.pct]),
  );
  table(
    '  … by package',
    ['package', '', 'ms', '%'],
    p.packages.map((f) => [f.name, '', f.ms, f.pct]),
  );
}
