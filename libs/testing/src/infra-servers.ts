import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A redis-server or nats-server of the suite's own, on a port of its choosing, that the suite may kill
 * and start again (degraded-mode tests). The machine's shared servers are never touched.
 */
export interface OwnServer {
  url: string;
  /** Kills the process (SIGKILL: a crash, not a shutdown) and waits until the port is closed. */
  kill(): Promise<void>;
  /** Starts it again on the same port (and, for NATS, the same store directory). */
  start(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function ownServer(name: string, port: number, url: string, command: string, args: string[]): OwnServer & { started: Promise<void> } {
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    if (await portOpen(port)) throw new Error(`port ${port} is already in use: ${name} not started`);
    child = spawn(command, args, { stdio: 'ignore' });
    const exited = new Promise<never>((_, reject) => child!.once('exit', (code) => reject(new Error(`${name} exited (${code})`))));
    exited.catch(() => undefined);
    await Promise.race([until(`${name} on ${port}`, () => portOpen(port)), exited]);
  };
  const kill = async (): Promise<void> => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    await until(`${name} port ${port} to close`, async () => !(await portOpen(port)));
  };
  return { url, kill, start, started: start() };
}

export async function startOwnRedis(port: number): Promise<OwnServer> {
  const server = ownServer('redis-server', port, `redis://127.0.0.1:${port}`, 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await server.started;
  return server;
}

/** JetStream on, with a store directory that survives kill/start (streams and consumers persist, as in production). */
export async function startOwnNats(port: number): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-nats-'));
  const server = ownServer('nats-server', port, `nats://127.0.0.1:${port}`, 'nats-server', [
    '-js',
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-sd',
    dir,
  ]);
  await server.started;
  return server;
}
