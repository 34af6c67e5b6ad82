import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CloudEvent, cloudEvent } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { requestContext } from '@weft/observability';
import { OrderKpis } from '../ops/order-kpis';
import { OrderRecord, OrderTransition } from './order.entity';
import { OrderState } from './order-state';

export const PROCESS_SOURCE = '/weft/process-api/orders';

export interface Change {
  to?: OrderState;
  cause: string;
  patch?: Partial<OrderRecord>;
  events?: { type: string; data: Record<string, unknown> }[];
}

/** Orders, their timeline and the events they emit change together, in one transaction. */
@Injectable()
export class OrderStore {
  constructor(
    readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly kpis: OrderKpis,
  ) {}

  findById(id: string): Promise<OrderRecord | null> {
    return this.uow.serialised(() => this.uow.manager.findOneBy(OrderRecord, { id }));
  }

  findByBusinessKey(businessKey: string): Promise<OrderRecord | null> {
    return this.uow.serialised(() => this.uow.manager.findOneBy(OrderRecord, { businessKey }));
  }

  timeline(orderId: string): Promise<OrderTransition[]> {
    return this.uow.serialised(() => this.uow.manager.find(OrderTransition, { where: { orderId }, order: { seq: 'ASC' } }));
  }

  /** Locks the row on PostgreSQL; SQLite transactions are already serialised. */
  async lock(m: EntityManager, id: string): Promise<OrderRecord | null> {
    return this.uow.isSqlite
      ? m.findOneBy(OrderRecord, { id })
      : m.findOne(OrderRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  eventsFor(order: Pick<OrderRecord, 'id' | 'businessKey'>, events: Change['events']): CloudEvent[] {
    const ctx = requestContext.current();
    return (events ?? []).map((e) =>
      cloudEvent(
        e.type,
        PROCESS_SOURCE,
        order.businessKey,
        { orderId: order.id, businessKey: order.businessKey, ...e.data },
        ctx ? { correlationid: ctx.requestId } : {},
      ),
    );
  }

  async insert(m: EntityManager, record: OrderRecord, changes: Change[]): Promise<void> {
    await m.insert(OrderRecord, record);
    let from: OrderState | null = null;
    let seq = 0;
    for (const c of changes) {
      if (!c.to && !c.cause) continue;
      await this.addTransition(m, record.id, ++seq, from, c.to ?? from ?? record.state, c.cause);
      from = c.to ?? from;
      if (c.to) this.kpis.orderTransition(record, c.to);
    }
    await this.outbox.append(
      m,
      changes.flatMap((c) => this.eventsFor(record, c.events)),
    );
  }

  /** Applies a change to a locked, current row; returns the updated row. */
  async apply(m: EntityManager, current: OrderRecord, change: Change): Promise<OrderRecord> {
    const now = new Date().toISOString();
    const next: OrderRecord = { ...current, ...change.patch, ...(change.to ? { state: change.to } : {}), updatedAt: now };
    const { version: _v, ...columns } = next;
    await m.update(OrderRecord, { id: current.id }, columns);
    if (change.to && change.to !== current.state) {
      const last = await m.findOne(OrderTransition, { where: { orderId: current.id }, order: { seq: 'DESC' } });
      await this.addTransition(m, current.id, (last?.seq ?? 0) + 1, current.state, change.to, change.cause);
      this.kpis.orderTransition(next, change.to);
    } else if (change.cause && !change.to) {
      // Notes (stale delivery, rejected cancel) are timeline entries without a state change.
      const last = await m.findOne(OrderTransition, { where: { orderId: current.id }, order: { seq: 'DESC' } });
      await this.addTransition(m, current.id, (last?.seq ?? 0) + 1, current.state, current.state, change.cause);
    }
    await this.outbox.append(m, this.eventsFor(current, change.events));
    return next;
  }

  private async addTransition(
    m: EntityManager,
    orderId: string,
    seq: number,
    from: string | null,
    to: string,
    cause: string,
  ): Promise<void> {
    await m.insert(OrderTransition, {
      id: randomUUID(),
      orderId,
      seq,
      fromState: from,
      toState: to,
      cause: cause.slice(0, 500),
      at: new Date().toISOString(),
    });
  }
}
