import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const PG_BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True once something accepts TCP connections on the port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}

async function waitListening(port: number, what: string, up = true, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await listening(port)) === up) return;
    await sleep(100);
  }
  throw new Error(`${what} on :${port} did not ${up ? 'come up' : 'go down'} in ${timeoutMs / 1000} s`);
}

/**
 * initdb refuses root; as root the cluster belongs to the `postgres` user (Debian's), otherwise to whoever runs the suite.
 */
function asClusterOwner(cmd: string, args: string[]): string {
  const run = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(run[0] as string, run[1] as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A PostgreSQL cluster of the suite's own, in a temp directory: restarting it disturbs nobody. */
export class OwnPostgres {
  readonly url: string;
  private readonly data: string;
  private readonly log: string;

  constructor(
    readonly port: number,
    dir: string,
  ) {
    this.data = join(dir, 'pg');
    this.log = join(dir, 'pg.log');
    this.url = `postgres://postgres@127.0.0.1:${port}/chaos`;
  }

  async start(): Promise<void> {
    mkdirSync(this.data, { recursive: true });
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(this.data, uid, gid);
      closeSync(openSync(this.log, 'a'));
      chownSync(this.log, uid, gid);
      chownSync(join(this.data, '..'), uid, gid);
    }
    asClusterOwner(join(PG_BIN, 'initdb'), ['-D', this.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    this.ctl('start', ['-w', '-t', '60']);
    await waitListening(this.port, 'PostgreSQL');
    asClusterOwner(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', 'chaos']);
  }

  private ctl(action: string, extra: string[] = []): void {
    const opts = `-c listen_addresses=127.0.0.1 -c port=${this.port} -c unix_socket_directories=${this.data} -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    asClusterOwner(join(PG_BIN, 'pg_ctl'), ['-D', this.data, '-l', this.log, '-o', opts, ...extra, action]);
  }

  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when the command returns. */
  async restart(): Promise<void> {
    this.ctl('restart', ['-m', 'fast', '-w', '-t', '60']);
    await waitListening(this.port, 'PostgreSQL');
  }

  stop(): void {
    try {
      this.ctl('stop', ['-m', 'immediate', '-w', '-t', '30']);
    } catch {
      // already stopped
    }
  }
}

/** A server the suite runs as its own child (Redis, NATS): restart = SIGTERM, wait for the port to close, start again. */
class OwnDaemon {
  private child?: ChildProcess;

  constructor(
    private readonly name: string,
    readonly port: number,
    private readonly cmd: string,
    private readonly args: string[],
    private readonly logFile: string,
  ) {}

  async start(): Promise<void> {
    const fd = openSync(this.logFile, 'a');
    this.child = spawn(this.cmd, this.args, { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    await waitListening(this.port, this.name);
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    await waitListening(this.port, this.name, false);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

export class OwnRedis extends OwnDaemon {
  readonly url: string;
  constructor(port: number, dir: string) {
    // No persistence, as the shared CI Redis runs: a restart loses throttle counters and idempotency records.
    super(
      'Redis',
      port,
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      join(dir, 'redis.log'),
    );
    this.url = `redis://127.0.0.1:${port}`;
  }
}

export class OwnNats extends OwnDaemon {
  readonly url: string;
  constructor(port: number, dir: string) {
    const store = join(dir, 'nats');
    mkdirSync(store, { recursive: true });
    super(
      'NATS',
      port,
      process.env.CHAOS_NATS_BIN ?? 'nats-server',
      ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store],
      join(dir, 'nats.log'),
    );
    this.url = `nats://127.0.0.1:${port}`;
  }
}
