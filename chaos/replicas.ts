import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';

export type AppName = 'system-api' | 'process-api' | 'experience-api';

const PORT_VAR: Record<AppName, string> = {
  'system-api': 'SYSTEM_API_PORT',
  'process-api': 'PROCESS_API_PORT',
  'experience-api': 'EXPERIENCE_API_PORT',
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ExitRecord {
  replica: string;
  at: string;
  code: number | null;
  signal: string | null;
  /** Killed by the suite (a fault or the final stop), or on its own. */
  expected: boolean;
}

/**
 * One replica: `node dist/apps/<app>/src/main.js` with production's variables, as `npm start` and the
 * container image run it. A replica that exits on its own is started again, as an orchestrator would, and
 * the exit is recorded: the suite reports it.
 */
export class Replica {
  private child?: ChildProcess;
  private expectingExit = false;
  private stopped = false;
  starts = 0;

  constructor(
    readonly app: AppName,
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly repo: string,
    private readonly logDir: string,
    private readonly exits: ExitRecord[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the process; `ready()` waits for /health/ready. */
  spawn(): void {
    const script = join(this.repo, 'dist', 'apps', this.app, 'src', 'main.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: npm run build first`);
    const fd = openSync(join(this.logDir, `${this.name}.log`), 'a');
    const child = spawn(process.execPath, ['--enable-source-maps', script], {
      cwd: this.repo,
      env: { PATH: process.env.PATH ?? '', ...this.env, [PORT_VAR[this.app]]: String(this.port) },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.starts++;
    this.child = child;
    this.expectingExit = false;
    child.once('exit', (code, signal) => {
      this.exits.push({ replica: this.name, at: new Date().toISOString(), code, signal, expected: this.expectingExit });
      if (!this.expectingExit && !this.stopped && this.child === child) {
        // Restarted as an orchestrator would; the record above says it happened.
        setTimeout(() => {
          if (!this.stopped && this.child === child) this.spawn();
        }, 500);
      }
    });
  }

  async ready(timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        const r = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        if (r.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready in ${timeoutMs / 1000} s; see ${join(this.logDir, `${this.name}.log`)}`);
  }

  /** kill -9: no drain, no shutdown hook; in-flight requests and workflow steps are cut where they are. */
  async kill9(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async start(): Promise<void> {
    this.spawn();
    await this.ready();
  }

  /** SIGTERM (graceful drain), then SIGKILL if it has not exited in 30 s; no restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
    await this.signal('SIGTERM');
    clearTimeout(timer);
  }

  /** Stopped now, started again by `start()`: the suite's faults, never the orchestrator's restart. */
  private async signal(sig: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    this.expectingExit = true;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill(sig);
    await exited;
  }
}
