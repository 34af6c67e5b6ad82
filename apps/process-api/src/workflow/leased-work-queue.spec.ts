import { Logger } from '@nestjs/common';
import { FindOperator } from 'typeorm';
import type { UnitOfWork } from '@weft/persistence';
import { LeasedRow, LeasedWorkQueue } from './leased-work-queue';

interface Row extends LeasedRow {
  done: boolean;
}

/**
 * The queue over an in-memory table that answers the three statements a claim and a release make.
 * What it checks is scheduling, not SQL: the medium and e2e suites run the same queue on SQLite and
 * PostgreSQL.
 */
function table(n: number) {
  const rows = new Map<string, Row>();
  for (let i = 0; i < n; i++) {
    const id = `r${String(i).padStart(3, '0')}`;
    rows.set(id, { id, done: false, nextAttemptAt: '2026-12-01T00:00:00.000Z', leaseUntil: null, leaseOwner: null });
  }
  const ids = (op: unknown) => (op instanceof FindOperator ? (op.value as string[]) : [op as string]);
  let claims = 0;
  const repo = {
    find: async (o: { take?: number; where: Record<string, unknown> }) => {
      if (o.take !== undefined) {
        claims++;
        return [...rows.values()].filter((r) => !r.done && !r.leaseOwner).slice(0, o.take);
      }
      return ids(o.where.id)
        .map((id) => rows.get(id)!)
        .filter((r) => r.leaseOwner === o.where.leaseOwner);
    },
    createQueryBuilder: () => {
      const q = {
        patch: {} as Partial<Row>,
        ids: [] as string[],
        update: () => q,
        set: (p: Partial<Row>) => ((q.patch = p), q),
        where: (w: { id: unknown }) => ((q.ids = ids(w.id)), q),
        andWhere: () => q,
        execute: async () => {
          for (const id of q.ids) if (!rows.get(id)!.leaseOwner) Object.assign(rows.get(id)!, q.patch);
        },
      };
      return q;
    },
    update: async (w: { id: string; leaseOwner: string }, patch: Partial<Row>) => {
      const r = rows.get(w.id)!;
      if (r.leaseOwner === w.leaseOwner) Object.assign(r, patch);
    },
  };
  const uow = { manager: { getRepository: () => repo }, serialised: <T>(fn: () => Promise<T>) => fn() } as unknown as UnitOfWork;
  return { rows, uow, claims: () => claims };
}

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error(`never: ${what}`);
}

/** A queue over `t` whose work records each row, yields once and marks it done (or throws for `failOn`). */
function recordingQueue(t: ReturnType<typeof table>, concurrency: number, failOn?: string) {
  const worked: string[] = [];
  const queue = new LeasedWorkQueue<Row>({
    name: 'test-queue',
    entity: 'rows',
    uow: t.uow,
    concurrency,
    pollMs: 60_000,
    work: async (row) => {
      worked.push(row.id);
      await new Promise((r) => setImmediate(r));
      if (row.id === failOn) throw new Error('a bug in a step');
      t.rows.get(row.id)!.done = true;
    },
  });
  return { queue, worked };
}

describe('LeasedWorkQueue', () => {
  it('keeps every worker busy while one row of a batch is slow: the next batch is claimed without waiting for it', async () => {
    const t = table(30);
    let releaseSlow!: () => void;
    const slow = new Promise<void>((r) => (releaseSlow = r));
    let inFlight = 0;
    let maxInFlight = 0;
    const q = new LeasedWorkQueue<Row>({
      name: 'test-queue',
      entity: 'rows',
      uow: t.uow,
      concurrency: 2,
      pollMs: 60_000,
      work: async (row) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (row.id === 'r000') await slow;
        else await new Promise((r) => setImmediate(r));
        t.rows.get(row.id)!.done = true;
        inFlight--;
      },
    });
    q.kick();
    // A batch is concurrency × 4 = 8 rows. Behind a barrier, the 22 rows after the first batch would wait for r000.
    await until('all rows but the slow one worked', () => [...t.rows.values()].filter((r) => r.done).length === 29);
    expect(t.rows.get('r000')!.done).toBe(false);
    expect(t.claims()).toBeGreaterThan(1);
    releaseSlow();
    await until('the slow row worked and every lease released', () => [...t.rows.values()].every((r) => r.done && r.leaseOwner === null));
    expect(maxInFlight).toBe(2);
    await q.stop();
  });

  it('a claim that fails ends the pass after the rows in hand, with their leases released', async () => {
    const t = table(12);
    const repo = (t.uow.manager as unknown as { getRepository: () => { find: (o: { take?: number }) => Promise<Row[]> } }).getRepository();
    const find = repo.find.bind(repo);
    let claimNo = 0;
    repo.find = async (o) => {
      if (o.take !== undefined && ++claimNo === 2) throw new Error('database went away');
      return find(o as never);
    };
    const reported = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { queue: q, worked } = recordingQueue(t, 1);
    q.kick();
    await until('the first batch worked', () => worked.length === 4);
    await until('leases released', () => [...t.rows.values()].every((r) => r.leaseOwner === null));
    expect(worked).toEqual(['r000', 'r001', 'r002', 'r003']);
    await until('the failure reported', () => reported.mock.calls.length === 1);
    expect(String((reported.mock.calls[0]![0] as { err: Error }).err)).toContain('database went away');
    reported.mockRestore();
    // The next pass (the pump's timer or a kick) picks up where the failed claim left off.
    q.kick();
    await until('the rest worked', () => worked.length === 12);
    await q.stop();
  });

  it('a step that throws ends the pass for every worker: no claim after it, the rows in hand worked and released', async () => {
    const t = table(40);
    const reported = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { queue: q, worked } = recordingQueue(t, 2, 'r003');
    q.kick();
    await until('the failure reported', () => reported.mock.calls.length === 1);
    expect(String((reported.mock.calls[0]![0] as { err: Error }).err)).toContain('a bug in a step');
    const claims = t.claims();
    // Nothing is claimed once the pass has failed, and nothing claimed is left leased.
    expect(worked.length).toBeLessThan(40);
    expect([...t.rows.values()].every((r) => r.leaseOwner === null)).toBe(true);
    for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r));
    expect(t.claims()).toBe(claims);
    reported.mockRestore();
    await q.stop();
  });
});
