import { Logger } from '@nestjs/common';
import { withinDeadline } from './shutdown';

/**
 * Runs `pass` on a timer and on demand, never twice at once: a kick during a pass schedules exactly
 * one more pass after it. Shared by the outbox relays and the workflow runners.
 */
export class Pump {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private again = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<unknown>,
    private readonly intervalMs: number,
    /** How long stop() waits for the pass in flight before giving up on it (a bounded shutdown). */
    private readonly stopTimeoutMs = 10_000,
  ) {
    this.logger = new Logger(name);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.running) await withinDeadline(`${this.name} pass`, this.current, this.stopTimeoutMs, this.logger);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = this.pass()
      .then(() => undefined)
      .catch((e: unknown) => this.logger.error({ err: e }, `${this.name} pass failed`))
      .finally(() => {
        this.running = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }
}
