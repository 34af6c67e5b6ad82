import { randomUUID } from 'node:crypto';
import { EntityTarget, FindManyOptions, In, LessThanOrEqual, ObjectLiteral, Raw } from 'typeorm';
import { UnitOfWork } from '@weft/persistence';
import { Pump } from '@weft/platform';
import { Clock, systemClock } from './clock.port';

/**
 * The claim's query: due rows nobody holds, oldest first. `nextAttemptAt <= now` stays a top-level term so
 * that the planner can use the partial index of rows with work pending (IDX_<table>_due): finished rows
 * are never read, however many there are. Exported for the bench's EXPLAIN.
 */
export function dueRowsClaim<T extends ObjectLiteral>(now: string, limit: number): FindManyOptions<T> {
  return {
    select: { id: true },
    where: { nextAttemptAt: LessThanOrEqual(now), leaseUntil: Raw((column) => `(${column} IS NULL OR ${column} < :now)`, { now }) },
    order: { createdAt: 'ASC' },
    take: limit,
  } as unknown as FindManyOptions<T>;
}

/** Rows a workflow drives: due when nextAttemptAt has passed, owned while leased. */
export interface LeasedRow extends ObjectLiteral {
  id: string;
  nextAttemptAt: string | null;
  leaseUntil: string | null;
  leaseOwner: string | null;
}

export interface LeasedWorkQueueOptions<T extends LeasedRow> {
  name: string;
  entity: EntityTarget<T>;
  uow: UnitOfWork;
  concurrency: number;
  pollMs: number;
  /** Advances one claimed row; the queue releases the lease afterwards, whatever happens. */
  work: (row: T) => Promise<void>;
  leaseMs?: number;
  clock?: Clock;
  /** While positive (a circuit is open), the queue claims nothing and leaves claimed rows for later. */
  pausedForMs?: () => number;
}

/**
 * Claims due rows with a lease (the lease condition is repeated in the UPDATE, so two instances never
 * both win a row), oldest first so a backlog drains in arrival order, works them with bounded
 * concurrency, and releases them. kick() runs a pass now.
 */
export class LeasedWorkQueue<T extends LeasedRow> {
  private readonly owner = randomUUID();
  private readonly pump: Pump;
  private held = 0;

  constructor(private readonly o: LeasedWorkQueueOptions<T>) {
    this.pump = new Pump(o.name, () => this.pass(), o.pollMs);
  }

  start(): void {
    this.pump.start();
  }

  stop(): Promise<void> {
    return this.pump.stop();
  }

  kick(): void {
    this.pump.kick();
  }

  /** Passes that found the queue paused and claimed nothing: what "nothing was tried" is observed by. */
  get heldPasses(): number {
    return this.held;
  }

  private get clock(): Clock {
    return this.o.clock ?? systemClock;
  }

  private paused(): boolean {
    return (this.o.pausedForMs?.() ?? 0) > 0;
  }

  private async pass(): Promise<void> {
    // A pass ends only when a claim with nothing in flight finds nothing: rows released while the last
    // batch ran may be due again (the next step of the same order).
    while (await this.drainOnce());
  }

  /**
   * Works claimed rows with `concurrency` workers and claims the next batch while they still have work,
   * instead of waiting for the whole batch at a barrier: the slowest rows of a batch and the claim itself
   * then no longer leave workers (and the ERP slots behind them) idle. Returns whether anything was claimed.
   */
  private async drainOnce(): Promise<boolean> {
    const batch = this.o.concurrency * 4;
    const queue: T[] = [];
    let claimedAny = false;
    let exhausted = false;
    let failure: unknown;
    let refilling: Promise<void> | undefined;
    const stopping = () => this.pump.isStopped || this.paused();
    // A failed claim or step ends the pass once the rows in hand are worked; the pump reports it and retries.
    const stop = (e: unknown): void => {
      failure ??= e;
      exhausted = true;
    };
    const refill = (): Promise<void> =>
      (refilling ??= this.claim(batch - queue.length)
        .then(
          (rows) => {
            if (rows.length === 0) exhausted = true;
            else claimedAny = true;
            queue.push(...rows);
          },
          (e: unknown) => stop(e),
        )
        .finally(() => (refilling = undefined)));
    const worker = async (): Promise<void> => {
      for (;;) {
        if (stopping()) return;
        if (queue.length <= this.o.concurrency && !exhausted) {
          const claiming = refill();
          if (queue.length === 0) await claiming;
        }
        const row = queue.shift();
        if (!row) {
          if (exhausted || stopping()) return;
          continue;
        }
        // A failure ends the pass for every worker (after the rows in hand) instead of escaping from this one:
        // its siblings would otherwise go on claiming beside the next pass, past `concurrency`.
        await this.o.work(row).catch((e: unknown) => stop(e));
        await this.release(row.id).catch((e: unknown) => stop(e));
      }
    };
    if (this.paused()) {
      this.held++;
      return false;
    }
    await Promise.all(Array.from({ length: this.o.concurrency }, worker));
    await refilling;
    // Rows left unworked because the queue paused or stopped go back now rather than when their lease ends.
    for (const row of queue.splice(0)) await this.release(row.id);
    if (failure !== undefined) throw failure;
    return claimedAny && !this.pump.isStopped && !this.paused();
  }

  private async claim(limit: number): Promise<T[]> {
    const now = new Date(this.clock.now()).toISOString();
    const repo = this.o.uow.manager.getRepository(this.o.entity);
    return this.o.uow.serialised(async () => {
      const due = await repo.find(dueRowsClaim<T>(now, limit));
      if (due.length === 0) return [];
      const ids = due.map((d) => d.id);
      const leaseUntil = new Date(this.clock.now() + (this.o.leaseMs ?? 60_000)).toISOString();
      await repo
        .createQueryBuilder()
        .update()
        .set({ leaseUntil, leaseOwner: this.owner } as never)
        .where({ id: In(ids) })
        .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :now)', { now })
        .execute();
      const won = await repo.find({ where: { id: In(ids), leaseOwner: this.owner, leaseUntil } as never });
      const rank = new Map(ids.map((id, i) => [id, i]));
      return won.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    });
  }

  private async release(id: string): Promise<void> {
    const repo = this.o.uow.manager.getRepository(this.o.entity);
    await this.o.uow.serialised(() =>
      repo.update({ id, leaseOwner: this.owner } as never, { leaseUntil: null, leaseOwner: null } as never),
    );
  }
}
