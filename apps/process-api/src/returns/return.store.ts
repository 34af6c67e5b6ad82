import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { cloudEvent } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { ReturnRecord, ReturnTransition } from './return.entity';
import { OrderKpis } from '../ops/order-kpis';
import { ReturnState } from './return-state';

export const RETURNS_SOURCE = '/weft/process-api/returns';

export interface ReturnChange {
  to?: ReturnState;
  cause: string;
  patch?: Partial<ReturnRecord>;
  events?: { type: string; data: Record<string, unknown> }[];
}

/** A return, its timeline and its events change together, in one transaction. */
@Injectable()
export class ReturnStore {
  constructor(
    readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly kpis: OrderKpis,
  ) {}

  findById(id: string): Promise<ReturnRecord | null> {
    return this.uow.serialised(() => this.uow.manager.findOneBy(ReturnRecord, { id }));
  }

  findByKey(businessKey: string): Promise<ReturnRecord | null> {
    return this.uow.serialised(() => this.uow.manager.findOneBy(ReturnRecord, { businessKey }));
  }

  forOrder(orderId: string): Promise<ReturnRecord[]> {
    return this.uow.serialised(() => this.uow.manager.findBy(ReturnRecord, { orderId }));
  }

  timeline(returnId: string): Promise<ReturnTransition[]> {
    return this.uow.serialised(() => this.uow.manager.find(ReturnTransition, { where: { returnId }, order: { seq: 'ASC' } }));
  }

  lock(m: EntityManager, id: string): Promise<ReturnRecord | null> {
    return this.uow.isSqlite
      ? m.findOneBy(ReturnRecord, { id })
      : m.findOne(ReturnRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(m: EntityManager, record: ReturnRecord, changes: ReturnChange[]): Promise<void> {
    await m.insert(ReturnRecord, { ...record, state: ReturnState.REQUESTED });
    let current: ReturnRecord = { ...record, state: ReturnState.REQUESTED };
    await this.transition(m, current.id, 1, null, ReturnState.REQUESTED, changes[0]?.cause ?? 'requested');
    for (const c of changes) current = await this.apply(m, current, c);
  }

  async apply(m: EntityManager, current: ReturnRecord, change: ReturnChange): Promise<ReturnRecord> {
    const next: ReturnRecord = {
      ...current,
      ...change.patch,
      ...(change.to ? { state: change.to } : {}),
      updatedAt: new Date().toISOString(),
    };
    await m.update(ReturnRecord, { id: current.id }, next);
    if ((change.to && change.to !== current.state) || (!change.to && change.cause)) {
      const last = await m.findOne(ReturnTransition, { where: { returnId: current.id }, order: { seq: 'DESC' } });
      await this.transition(m, current.id, (last?.seq ?? 0) + 1, current.state, next.state, change.cause);
      if (change.to && change.to !== current.state) this.kpis.returnTransition(next, change.to);
    }
    const events = (change.events ?? []).map((e) =>
      cloudEvent(e.type, RETURNS_SOURCE, current.businessKey, { returnId: current.id, orderId: current.orderId, ...e.data }),
    );
    await this.outbox.append(m, events);
    return next;
  }

  private async transition(m: EntityManager, returnId: string, seq: number, from: string | null, to: string, cause: string): Promise<void> {
    await m.insert(ReturnTransition, {
      id: randomUUID(),
      returnId,
      seq,
      fromState: from,
      toState: to,
      cause: cause.slice(0, 500),
      at: new Date().toISOString(),
    });
  }
}
