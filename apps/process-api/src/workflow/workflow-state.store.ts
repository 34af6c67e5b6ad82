import { randomUUID } from 'node:crypto';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CloudEvent, cloudEvent } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { requestContext } from '@weft/observability';
import { UnitOfWork } from '@weft/persistence';
import { WorkflowRowColumns } from './workflow-row.columns';

/** A row a workflow drives: an order or a return. */
export interface WorkflowRow extends WorkflowRowColumns, ObjectLiteral {
  id: string;
  businessKey: string;
  state: string;
}

/** One persisted step of a workflow: a new state and/or a timeline note, a patch, and the events it emits. */
export interface StateChange<R, S extends string = string> {
  to?: S;
  cause: string;
  patch?: Partial<R>;
  events?: { type: string; data: Record<string, unknown> }[];
}

export interface StateStoreOptions<R> {
  entity: EntityTarget<R>;
  transition: EntityTarget<ObjectLiteral>;
  /** The transition table's column that points at the row (orderId, returnId). */
  parentColumn: string;
  /** CloudEvents source of the events this workflow emits. */
  source: string;
  /** Data every event of this row carries. */
  eventData: (row: R) => Record<string, unknown>;
  /** Told of every state change once it is written (KPI counters). */
  onTransition?: (row: R, to: string) => void;
}

/** The row as one change leaves it (its state and patch; the store adds the bookkeeping columns). */
export function changed<R extends WorkflowRow>(row: R, change: StateChange<R>): R {
  return { ...row, ...change.patch, ...(change.to ? { state: change.to } : {}) };
}

/**
 * The one state store of every workflow: a row, its timeline and the events it emits change together,
 * in one transaction, and every state change is a timeline entry with its cause.
 */
export class WorkflowStateStore<R extends WorkflowRow, S extends string = string> {
  constructor(
    readonly uow: UnitOfWork,
    protected readonly outbox: OutboxWriter,
    private readonly o: StateStoreOptions<R>,
  ) {}

  findRow(id: string): Promise<R | null> {
    return this.uow.serialised(() => this.uow.manager.getRepository(this.o.entity).findOneBy({ id } as never));
  }

  /** Locks the row on PostgreSQL; SQLite transactions are already serialised. */
  lock(m: EntityManager, id: string): Promise<R | null> {
    const repo = m.getRepository(this.o.entity);
    return this.uow.isSqlite
      ? repo.findOneBy({ id } as never)
      : repo.findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
  }

  eventsFor(row: R, events: StateChange<R, S>['events']): CloudEvent[] {
    const ctx = requestContext.current();
    return (events ?? []).map((e) =>
      cloudEvent(
        e.type,
        this.o.source,
        row.businessKey,
        { ...this.o.eventData(row), ...e.data },
        ctx ? { correlationid: ctx.requestId } : {},
      ),
    );
  }

  /** Applies a change to a locked, current row; returns the updated row. */
  apply(m: EntityManager, current: R, change: StateChange<R, S>): Promise<R> {
    return this.applyAll(m, current, [change]);
  }

  /**
   * Applies several changes to a locked, current row as one write: the row is updated once with the
   * columns that changed (not the order document each time), the timeline entries go in one insert and
   * the events in one outbox append. The timeline and events are what applying them one by one gives.
   */
  async applyAll(m: EntityManager, current: R, changes: StateChange<R, S>[]): Promise<R> {
    if (changes.length === 0) return current;
    const now = new Date().toISOString();
    let row = current;
    let seq: number | undefined;
    const transitions: ObjectLiteral[] = [];
    const events: CloudEvent[] = [];
    const entered: [R, string][] = [];
    for (const change of changes) {
      const next = { ...changed<R>(row, change), updatedAt: now };
      // A note (stale delivery, rejected cancel, still waiting) is a timeline entry without a state change.
      if ((change.to && change.to !== row.state) || (!change.to && change.cause)) {
        seq ??= await this.lastSeq(m, current.id);
        transitions.push(this.transition(current.id, seq++, row.state, next.state, change.cause, now));
      }
      if (change.to && change.to !== row.state) entered.push([next, change.to]);
      events.push(...this.eventsFor(row, change.events));
      row = next;
    }
    const columns = Object.fromEntries(
      Object.entries(row).filter(([k, v]) => k !== 'version' && v !== (current as Record<string, unknown>)[k]),
    );
    await m.getRepository(this.o.entity).update({ id: current.id } as never, columns as never);
    if (transitions.length > 0) await m.getRepository(this.o.transition).insert(transitions);
    await this.outbox.append(m, events);
    for (const [r, to] of entered) this.o.onTransition?.(r, to);
    return row;
  }

  private transition(parentId: string, seq: number, from: string | null, to: string, cause: string, at: string): ObjectLiteral {
    return { id: randomUUID(), [this.o.parentColumn]: parentId, seq, fromState: from, toState: to, cause: cause.slice(0, 500), at };
  }

  protected async lastSeq(m: EntityManager, id: string): Promise<number> {
    const last = await m.getRepository(this.o.transition).findOne({ where: { [this.o.parentColumn]: id }, order: { seq: 'DESC' } });
    return ((last?.seq as number | undefined) ?? 0) + 1;
  }

  protected async addTransition(
    m: EntityManager,
    parentId: string,
    seq: number,
    from: string | null,
    to: string,
    cause: string,
  ): Promise<void> {
    await m.getRepository(this.o.transition).insert(this.transition(parentId, seq, from, to, cause, new Date().toISOString()));
  }
}
