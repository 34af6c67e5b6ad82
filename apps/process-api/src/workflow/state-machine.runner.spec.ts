import { StateMachine, StateMachineRunner } from './state-machine.runner';
import { StateChange, WorkflowRow, WorkflowStateStore } from './workflow-state.store';

interface Row extends WorkflowRow {
  cancelRequested: boolean;
}

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const RECHECK_MS = 60_000;

/**
 * The runner over an in-memory row: a backorder recheck that is still running when an operator
 * discards the order (cancelRequested, next attempt now) must not push that request out by the recheck.
 */
describe('StateMachineRunner: a request made while a step runs', () => {
  let db: Row;
  let now = T0;
  const iso = (ms: number) => new Date(ms).toISOString();
  const apply = (current: Row, change: StateChange<Row>): Row => {
    db = { ...current, ...(change.to ? { state: change.to } : {}), ...change.patch, updatedAt: iso(now) };
    return db;
  };
  const store = {
    uow: { run: <T>(fn: (m: unknown) => Promise<T>) => fn(null) },
    lock: async () => ({ ...db }),
    apply: async (_m: unknown, current: Row, change: StateChange<Row>) => apply(current, change),
    applyAll: async (_m: unknown, current: Row, changes: StateChange<Row>[]) => changes.reduce(apply, current),
  } as unknown as WorkflowStateStore<Row>;

  let duringStep: () => void = () => undefined;
  const recheck = {
    name: 'recheck-stock',
    invoke: async (): Promise<StateChange<Row>[]> => {
      duringStep();
      return [{ cause: '', patch: { nextAttemptAt: iso(now + RECHECK_MS) } }];
    },
  };
  const cancel = { name: 'cancel', invoke: async (): Promise<StateChange<Row>[]> => [{ to: 'CANCELLED', cause: 'cancelled' }] };
  const machine: StateMachine<Row> = {
    name: 'test',
    entity: 'rows',
    store,
    waitingState: 'WAITING',
    failedState: 'FAILED',
    stepFor: (r) => (r.state !== 'BACKORDERED' ? undefined : r.cancelRequested ? cancel : recheck),
  };
  const runner = new StateMachineRunner<Row>(machine, {
    concurrency: 1,
    pollMs: 1000,
    maxStepsPerClaim: 5,
    policy: { baseMs: 100, capMs: 1000, giveUpAfterMs: 10_000, maxUnexpectedAttempts: 3 },
    clock: { now: () => now } as never,
  });

  beforeEach(() => {
    now = T0;
    duringStep = () => undefined;
    db = {
      id: 'o1',
      businessKey: 'o1',
      state: 'BACKORDERED',
      cancelRequested: false,
      attempts: 0,
      nextAttemptAt: iso(T0),
      lastError: null,
      resumeState: null,
      waitingSince: null,
      leaseUntil: iso(T0 + 60_000),
      leaseOwner: 'runner',
      createdAt: iso(T0),
      updatedAt: iso(T0),
    };
  });

  it('without a request, the recheck schedules the next look one interval out', async () => {
    await runner.advance({ ...db });
    expect(db.nextAttemptAt).toBe(iso(T0 + RECHECK_MS));
  });

  it('a discard that lands while the recheck runs keeps its "next attempt now": the cancel is not delayed by the interval', async () => {
    duringStep = () => {
      now += 5;
      db = { ...db, cancelRequested: true, nextAttemptAt: iso(now) };
      now += 5;
    };
    await runner.advance({ ...db });
    expect(db.state).toBe('BACKORDERED');
    expect(db.cancelRequested).toBe(true);
    expect(db.nextAttemptAt).toBe(iso(T0 + 5));
    // The next pass claims it and the cancel runs.
    await runner.advance({ ...db });
    expect(db.state).toBe('CANCELLED');
    expect(db.nextAttemptAt).toBeNull();
  });

  it('a request later than the step’s own schedule does not postpone it', async () => {
    duringStep = () => {
      db = { ...db, nextAttemptAt: iso(T0 + 10 * RECHECK_MS) };
    };
    await runner.advance({ ...db });
    expect(db.nextAttemptAt).toBe(iso(T0 + RECHECK_MS));
  });
});
