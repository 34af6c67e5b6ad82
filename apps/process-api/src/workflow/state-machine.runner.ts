import { Logger } from '@nestjs/common';
import { EntityTarget } from 'typeorm';
import { inSpan, SpanOptions, WeftMetrics } from '@weft/observability';
import { Clock, isoAt } from './clock.port';
import { decideOnFailure, FailureDecision, RetryPolicy } from './failure-policy';
import { LeasedWorkQueue } from './leased-work-queue';
import { changed, StateChange, WorkflowRow, WorkflowStateStore } from './workflow-state.store';

export interface MachineStep<R> {
  name: string;
  invoke(row: R): Promise<StateChange<R>[]>;
}

/** What a workflow tells the one runner: its rows, its states, and the step for each state. */
export interface StateMachine<R extends WorkflowRow> {
  name: string;
  entity: EntityTarget<R>;
  store: WorkflowStateStore<R>;
  /** Where a row waits while a system behind is unavailable (WAITING_FOR_ERP). */
  waitingState: string;
  /** Where a row ends when it cannot proceed (FAILED, EXCEPTION). */
  failedState: string;
  /** The step that moves the row on; undefined while it waits for an outside event. */
  stepFor(row: R): MachineStep<R> | undefined;
  /** Clean-up steps after failing are retried in place, without moving the row to waiting. */
  retriesInPlace?(row: R): boolean;
  /** The trace a step continues (the one of the request or event that created the row). */
  spanFor?(row: R): SpanOptions;
}

export interface RunnerOptions {
  concurrency: number;
  pollMs: number;
  maxStepsPerClaim: number;
  policy: RetryPolicy;
  clock: Clock;
  metrics?: WeftMetrics;
}

/** Repeats a still-the-same waiting reason in the timeline only every so many attempts. */
const NOTE_EVERY = 10;

/**
 * The one engine behind every workflow. Due rows are claimed with a lease (several instances share the
 * work), oldest first, and advanced until they wait for an outside event. A step failure is classified:
 * an outage keeps the row in the waiting state with capped, jittered backoff until the give-up budget
 * runs out; while a circuit is open the runner stops calling until it half-opens; only a permanent
 * failure or the exhausted budget parks the row in its failed state with the reason.
 */
export class StateMachineRunner<R extends WorkflowRow> {
  private readonly logger: Logger;
  private readonly queue: LeasedWorkQueue<R>;
  private pausedUntil = 0;

  constructor(
    private readonly machine: StateMachine<R>,
    private readonly o: RunnerOptions,
  ) {
    this.logger = new Logger(`${machine.name}-runner`);
    this.queue = new LeasedWorkQueue<R>({
      name: `${machine.name}-runner`,
      entity: machine.entity,
      uow: machine.store.uow,
      concurrency: o.concurrency,
      pollMs: o.pollMs,
      clock: o.clock,
      pausedForMs: () => this.pausedUntil - o.clock.now(),
      work: (row) => this.advance(row),
    });
  }

  start(): void {
    this.queue.start();
  }

  stop(): Promise<void> {
    return this.queue.stop();
  }

  kick(): void {
    this.queue.kick();
  }

  /** How long the runner holds off because a circuit is open (0 when it calls). */
  get pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.o.clock.now());
  }

  /** Poll passes the runner held off in, calling nothing (tests wait on these, not on the clock). */
  get heldPasses(): number {
    return this.queue.heldPasses;
  }

  /** The row as its step sees it: a waiting row is in the state it waits to leave. */
  private effective(row: R): R {
    return row.state === this.machine.waitingState && row.resumeState ? { ...row, state: row.resumeState } : row;
  }

  /** Runs steps for one claimed row until it waits, fails or ends. */
  async advance(claimed: R): Promise<void> {
    let row: R | null = claimed;
    for (let i = 0; i < this.o.maxStepsPerClaim && row; i++) {
      const view = this.effective(row);
      const step = this.machine.stepFor(view);
      if (!step) {
        if (row.nextAttemptAt) await this.commit(row, []);
        return;
      }
      const before: R = row;
      const span = this.machine.spanFor?.(before) ?? {};
      const after = await inSpan(`workflow.step ${step.name}`, span, async () => {
        let changes: StateChange<R>[];
        try {
          changes = await step.invoke(view);
        } catch (e) {
          await this.fail(before, view.state, step.name, e);
          return null;
        }
        return this.commit(before, changes);
      });
      row = after;
      // A step that scheduled its row for later (a backorder recheck) is not run again within this claim.
      if (!row || row.state === before.state || (row.nextAttemptAt && Date.parse(row.nextAttemptAt) > this.o.clock.now())) return;
    }
  }

  /** Persists the step's changes if the row is still where the step found it. */
  private commit(seen: R, changes: StateChange<R>[]): Promise<R | null> {
    const store = this.machine.store;
    return store.uow.run(async (m) => {
      const current = await store.lock(m, seen.id);
      if (!current || current.state !== seen.state) return null;
      // Someone asked for the row to be looked at while the step ran (an operator's discard, an event):
      // that request must not be lost under the step's own later schedule (a backorder recheck).
      const requested = current.nextAttemptAt !== seen.nextAttemptAt ? current.nextAttemptAt : null;
      // Everything the step changed is written at once (one row update, one timeline insert, one outbox append).
      const all = [...changes];
      let after = changes.reduce<R>(changed, current);
      if (after.state === this.machine.waitingState && seen.state === this.machine.waitingState && after.resumeState) {
        all.push({ to: after.resumeState, cause: 'no longer waiting: the step went through' });
        after = { ...after, state: after.resumeState };
      }
      const explicit = changes.some((c) => c.patch && 'nextAttemptAt' in c.patch);
      const more = this.machine.stepFor(after) !== undefined;
      const scheduled = explicit ? after.nextAttemptAt : more ? isoAt(this.o.clock) : null;
      const nextAttemptAt = requested && (!scheduled || requested < scheduled) ? requested : scheduled;
      // A failed row keeps why and where it failed (an operator retries from there); clean-up steps only move its clock.
      const reset = after.state === this.machine.failedState ? {} : { attempts: 0, lastError: null, resumeState: null, waitingSince: null };
      all.push({ cause: '', patch: { ...reset, nextAttemptAt } as Partial<R> });
      return store.applyAll(m, current, all);
    });
  }

  private async fail(row: R, inState: string, stepName: string, e: unknown): Promise<void> {
    const now = this.o.clock.now();
    const since = row.waitingSince ? Date.parse(row.waitingSince) : null;
    const d = decideOnFailure(row.attempts, since, now, e, this.o.policy);
    if (d.action !== 'fail') this.o.metrics?.retries.inc({ component: 'workflow', target: stepName });
    if (d.failure.circuitOpen) this.pausedUntil = Math.max(this.pausedUntil, now + (d.failure.retryAfterMs ?? this.o.policy.baseMs));
    this.logger.warn(`${this.machine.name} ${row.businessKey} step ${stepName} failed (attempt ${d.attempts}): ${d.failure.reason}`);
    const store = this.machine.store;
    await store.uow.run(async (m) => {
      const current = await store.lock(m, row.id);
      if (!current || current.state !== row.state) return;
      await store.apply(m, current, this.failureChange(current, inState, stepName, d, now));
    });
  }

  private failureChange(current: R, inState: string, stepName: string, d: FailureDecision, now: number): StateChange<R> {
    const base = { attempts: d.attempts, lastError: d.failure.reason };
    const inPlace = this.machine.retriesInPlace?.(current) ?? false;
    if (d.action === 'fail' && !inPlace) {
      const failed = { ...current, state: this.machine.failedState } as R;
      return {
        to: this.machine.failedState,
        cause: `step ${stepName} failed in ${inState} ${d.why}: ${d.failure.reason}`,
        patch: {
          ...base,
          resumeState: inState,
          waitingSince: null,
          nextAttemptAt: this.machine.stepFor(failed) ? new Date(now).toISOString() : null,
        } as Partial<R>,
      };
    }
    const retryInMs = d.action === 'wait' ? d.retryInMs : this.o.policy.capMs;
    const nextAttemptAt = new Date(now + retryInMs).toISOString();
    const patch = { ...base, nextAttemptAt } as Partial<R>;
    const next = `next attempt at ${nextAttemptAt}`;
    if (inPlace) return { cause: '', patch };
    if (current.state !== this.machine.waitingState) {
      return {
        to: this.machine.waitingState,
        cause: `waiting: step ${stepName} in ${inState}: ${d.failure.reason}; ${next}`,
        patch: { ...patch, resumeState: inState, waitingSince: new Date(now).toISOString() } as Partial<R>,
      };
    }
    const note = current.lastError !== d.failure.reason || d.attempts % NOTE_EVERY === 0;
    return { cause: note ? `still waiting (attempt ${d.attempts}): ${d.failure.reason}; ${next}` : '', patch };
  }
}
