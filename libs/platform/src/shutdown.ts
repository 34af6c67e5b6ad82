import { Logger } from '@nestjs/common';

/**
 * Waits for `work` at most `ms`; past that it logs what it gave up on and returns, so one stuck
 * dependency (a handler, a pool, a drain) can never hold a shutdown forever.
 */
export async function withinDeadline(what: string, work: Promise<unknown>, ms: number, logger = new Logger('Shutdown')): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  const done = work.then(
    () => true as const,
    (e: unknown) => {
      logger.warn(`${what} failed while stopping: ${(e as Error).message ?? String(e)}`);
      return true as const;
    },
  );
  const finished = await Promise.race([done, expired]);
  clearTimeout(timer);
  if (!finished) logger.warn(`${what} did not stop within ${ms} ms: going on without it`);
  return finished;
}

export interface Closable {
  close(): Promise<unknown>;
}

export interface ShutdownOptions {
  service: string;
  timeoutMs: number;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
  log?: (line: Record<string, unknown>) => void;
}

/**
 * SIGTERM/SIGINT: stop taking work and drain (app.close() runs the stop hooks: intake, pumps,
 * consumers, then pools), then exit 0. A drain that overruns `timeoutMs` exits 1 instead of hanging;
 * a second signal exits at once.
 */
export function installShutdown(app: Closable, options: ShutdownOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = options.log ?? ((line) => process.stdout.write(`${JSON.stringify({ service: options.service, ...line })}\n`));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let draining = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining) {
      log({ msg: 'second signal: exiting without waiting', signal });
      exit(1);
      return;
    }
    draining = true;
    const started = Date.now();
    log({ msg: 'draining', signal, timeoutMs: options.timeoutMs });
    const timer = setTimeout(() => {
      log({ msg: 'drain overran its deadline: exiting', timeoutMs: options.timeoutMs });
      exit(1);
    }, options.timeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        log({ msg: 'stopped', ms: Date.now() - started });
        exit(0);
      },
      (e: unknown) => {
        clearTimeout(timer);
        log({ msg: 'stop failed', error: (e as Error).message ?? String(e) });
        exit(1);
      },
    );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => signals.forEach((s) => process.off(s, onSignal));
}
