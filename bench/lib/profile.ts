import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { REPO } from './procs';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idlePct: number;
  /** Self time by function. */
  functions: SelfTime[];
  /** Self time by package (node_modules/<pkg>), node internals, or the repo's own code. */
  packages: SelfTime[];
}

function packageOf(url: string): string {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[0] ?? '');
  if (url.includes('/.cache/weft-bench/')) return 'weft (apps/libs)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/dist/')) return 'weft (apps/libs)';
  return url;
}

/** Self time per function and per package from a V8 .cpuprofile (what `node --cpu-prof` writes). */
export function summariseProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, { name: string; where: string; us: number }>();
  const pkgs = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') idleUs += us;
    const where = url
      ? `${(url.startsWith('file://') ? relative(REPO, url.slice(7)) : url).replace('node_modules/.cache/weft-bench/', '')}:${lineNumber + 1}`
      : '';
    const key = `${name}@${where}`;
    const f = fns.get(key) ?? { name, where, us: 0 };
    f.us += us;
    fns.set(key, f);
    const pkg = name === '(idle)' || name === '(program)' || name === '(garbage collector)' ? name : packageOf(url);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const busy = totalUs - idleUs;
  const pct = (us: number): number => Math.round((us / busy) * 1000) / 10;
  return {
    file: relative(REPO, file),
    totalMs: Math.round(totalUs / 1000),
    idlePct: Math.round((idleUs / totalUs) * 1000) / 10,
    functions: [...fns.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: Math.round(f.us / 1000), pct: pct(f.us) })),
    packages: [...pkgs.entries()]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ name: k, where: '', ms: Math.round(us / 1000), pct: pct(us) })),
  };
}
