import { OwnNats, OwnPostgres, OwnRedis } from './infra';
import { Replica } from './replicas';

export interface FaultRecord {
  name: string;
  /** ms after the burst started: when the fault was injected, and when the faulted part was back (ready). */
  startMs: number;
  recoveredMs: number;
}

export interface FaultTargets {
  processApi: Replica[];
  systemApi: Replica[];
  postgres: OwnPostgres;
  redis: OwnRedis;
  nats: OwnNats;
}

interface Step {
  name: string;
  /** Seconds after the burst started. */
  at: number;
  run: () => Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 13's faults, one after another `gap` seconds apart, the ERP down for `erpDownSeconds`:
 * kill -9 of a process-api replica three times (each restarted at once), Redis, NATS and PostgreSQL restarted.
 * Returns when the last faulted part is back. The burst length that covers them is `faultSpan()`.
 */
export function faultPlan(t: FaultTargets, gap: number, erpDownSeconds: number): Step[] {
  const [p1, p2] = t.processApi;
  const killAndRestart = (r: Replica) => async (): Promise<void> => {
    await r.kill9();
    await r.start();
  };
  const erpBack = 4 * gap + erpDownSeconds;
  return [
    { name: `kill -9 ${p1.name} (1 of 3)`, at: gap, run: killAndRestart(p1) },
    { name: 'Redis restarted', at: 2 * gap, run: () => t.redis.restart() },
    { name: `kill -9 ${p2.name} (2 of 3)`, at: 3 * gap, run: killAndRestart(p2) },
    {
      name: `ERP down ${erpDownSeconds} s (both system-api replicas killed)`,
      at: 4 * gap,
      run: async () => {
        await Promise.all(t.systemApi.map((r) => r.kill9()));
        await sleep(erpDownSeconds * 1000);
        await Promise.all(t.systemApi.map((r) => r.start()));
      },
    },
    { name: 'NATS restarted', at: erpBack + gap, run: () => t.nats.restart() },
    { name: 'PostgreSQL restarted (pg_ctl restart -m fast)', at: erpBack + 2 * gap, run: () => t.postgres.restart() },
    { name: `kill -9 ${p1.name} (3 of 3)`, at: erpBack + 3 * gap, run: killAndRestart(p1) },
  ];
}

export function faultSpan(gap: number, erpDownSeconds: number): number {
  return 4 * gap + erpDownSeconds + 3 * gap + gap;
}

/**
 * The faults on a clock that stretches: a fault starts its planned gap after the previous one started, and
 * never before the previous one has recovered (a restart on a loaded machine can take longer than the gap).
 * `phase` tells the load generator where the plan is, so every fault sees its share of the burst.
 */
export class FaultClock {
  /** Real start (ms after t0) of each step that has started. */
  readonly started: number[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly steps: Step[],
    private readonly t0: number,
  ) {}

  /** Real time (ms after t0) of planned second `p`, or undefined while its step has not started. */
  realMs(p: number): number | undefined {
    let k = -1;
    for (let i = 0; i < this.steps.length; i++) if (this.steps[i].at <= p) k = i;
    if (k < 0) return p * 1000;
    const start = this.started[k];
    return start === undefined ? undefined : start + (p - this.steps[k].at) * 1000;
  }

  /** Resolves at planned second `p`. */
  async until(p: number): Promise<void> {
    for (;;) {
      const real = this.realMs(p);
      if (real !== undefined) {
        const wait = this.t0 + real - Date.now();
        if (wait > 0) await sleep(wait);
        return;
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private mark(k: number, ms: number): void {
    this.started[k] = ms;
    for (const w of this.waiters.splice(0)) w();
  }

  async run(log: (s: string) => void): Promise<FaultRecord[]> {
    const done: FaultRecord[] = [];
    for (let k = 0; k < this.steps.length; k++) {
      const step = this.steps[k];
      const planned = k === 0 ? step.at * 1000 : this.started[k - 1] + (step.at - this.steps[k - 1].at) * 1000;
      const wait = this.t0 + planned - Date.now();
      if (wait > 0) await sleep(wait);
      const startMs = Date.now() - this.t0;
      this.mark(k, startMs);
      log(`  t=${Math.round(startMs / 1000)} s  fault: ${step.name}`);
      await step.run();
      const recoveredMs = Date.now() - this.t0;
      log(`  t=${Math.round(recoveredMs / 1000)} s  recovered: ${step.name} (${((recoveredMs - startMs) / 1000).toFixed(1)} s)`);
      done.push({ name: step.name, startMs, recoveredMs });
    }
    return done;
  }
}
