import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { APP_NODE_FLAGS } from '@weft/config';

/** The checkout: the first directory above the compiled bench that holds nest-cli.json. */
function findRepo(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'nest-cli.json'))) return dir;
  throw new Error(`no nest-cli.json above ${__dirname}`);
}

export const REPO = findRepo();
/** Where bench/tsconfig.json compiles to (node_modules/.cache/weft-bench: outside eslint's and git's view). */
export const BUILD = resolve(__dirname, '..', '..');
const HOOK = join(BUILD, 'bench', 'hooks', 'ipc.js');
const BENCH_MAIN = join(BUILD, 'bench', 'main.js');
/** A copy of dist/ taken at the start of a run, so a teammate's `npm run build` (which empties dist/) cannot pull it away mid-run. */
const DIST = join(BUILD, 'dist');
const APPS: AppName[] = ['system-api', 'process-api', 'experience-api'];

export async function snapshotDist(): Promise<void> {
  const source = join(REPO, 'dist');
  for (let i = 0; i < 60; i++) {
    if (APPS.every((a) => existsSync(join(source, 'apps', a, 'src', 'main.js')))) {
      rmSync(DIST, { recursive: true, force: true });
      cpSync(source, DIST, { recursive: true });
      if (APPS.every((a) => existsSync(join(DIST, 'apps', a, 'src', 'main.js')))) return;
    }
    await sleep(1000);
  }
  throw new Error('dist/ has no built apps: npm run build first (npm run bench does)');
}

export type AppName = 'system-api' | 'process-api' | 'experience-api';

export interface Proc {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** VmRSS and VmHWM (peak) from /proc/<pid>/status: the resident memory of that one process. */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: round(kb('VmRSS') / 1024), peakRssMb: round(kb('VmHWM') / 1024) };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function waitReady(url: string, path: string, child: ChildProcess, name: string, logFile: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting; see ${logFile}`);
    try {
      const r = await fetch(`${url}${path}`);
      if (path === '/' || r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${name} did not become ready in 60 s; see ${logFile}`);
}

interface StartOptions {
  name: string;
  /** Script and its arguments after the node flags. */
  argv: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  logDir: string;
  /** Directory for `--cpu-prof` output; no profiling when absent. */
  cpuProfDir?: string;
  /** Profile file name (without extension); defaults to the process name. */
  profName?: string;
}

async function start(o: StartOptions): Promise<Proc> {
  const logFile = join(o.logDir, `${o.name}.log`);
  const fd = openSync(logFile, 'a');
  const flags = o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir, '--cpu-prof-name', `${o.profName ?? o.name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...flags, '-r', HOOK, ...o.argv], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...o.env },
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${o.port}`;
  try {
    await waitReady(url, o.readyPath, child, o.name, logFile);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.send({ type: 'exit' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { name: o.name, pid: child.pid!, url, child, stop };
}

const PORT_VAR: Record<AppName, string> = {
  'system-api': 'SYSTEM_API_PORT',
  'process-api': 'PROCESS_API_PORT',
  'experience-api': 'EXPERIENCE_API_PORT',
};

/** One app from dist/ (built by `npm run build`, copied by snapshotDist), as `npm start` runs it: its own process, so RSS is its own. */
export function startApp(
  app: AppName,
  env: Record<string, string>,
  port: number,
  logDir: string,
  cpuProfDir?: string,
  phase = '',
  /** Process name in logs and profiles, when one app runs twice (a serving replica beside the main one). */
  name: string = app,
): Promise<Proc> {
  const script = join(DIST, 'apps', app, 'src', 'main.js');
  const profName = phase ? `${phase}-${name}` : name;
  return start({
    name,
    argv: [...APP_NODE_FLAGS, script],
    env: { ...env, [PORT_VAR[app]]: String(port) },
    port,
    readyPath: '/health/ready',
    logDir,
    cpuProfDir,
    profName,
  });
}

/** The bench-only edge composition (bench/edge), with or without GatewayModule. */
export function startEdge(
  name: string,
  gateway: boolean,
  env: Record<string, string>,
  port: number,
  logDir: string,
  cpuProfDir?: string,
): Promise<Proc> {
  return start({
    name,
    argv: [BENCH_MAIN, 'edge', gateway ? 'on' : 'off'],
    env: { ...env, EXPERIENCE_API_PORT: String(port) },
    port,
    readyPath: '/',
    logDir,
    cpuProfDir,
  });
}

/** A bench child that prints one JSON line as its result and exits. */
export function runChild<T>(role: string, args: string[], env: Record<string, string>, logDir: string): Promise<T> {
  return new Promise((res, rej) => {
    const logFile = join(logDir, `${role}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, ['-r', HOOK, BENCH_MAIN, role, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', fd, 'ipc'],
    });
    closeSync(fd);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('exit', (code) => {
      const line = out
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{"result"'));
      if (code !== 0 || !line) return rej(new Error(`${role} exited with ${code}; see ${logFile}\n${out.slice(-2000)}`));
      res((JSON.parse(line) as { result: T }).result);
    });
  });
}
