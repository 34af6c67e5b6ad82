import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { StateChange, WorkflowStateStore } from '../workflow/workflow-state.store';
import { ReturnRecord, ReturnTransition } from './return.entity';
import { OrderKpis } from '../ops/order-kpis';
import { ReturnState } from './return-state';

export const RETURNS_SOURCE = '/weft/process-api/returns';

export type ReturnChange = StateChange<ReturnRecord, ReturnState>;

/** A return, its timeline and its events change together, in one transaction. */
@Injectable()
export class ReturnStore extends WorkflowStateStore<ReturnRecord, ReturnState> {
  constructor(uow: UnitOfWork, outbox: OutboxWriter, kpis: OrderKpis) {
    super(uow, outbox, {
      entity: ReturnRecord,
      transition: ReturnTransition,
      parentColumn: 'returnId',
      source: RETURNS_SOURCE,
      eventData: (r) => ({ returnId: r.id, orderId: r.orderId }),
      onTransition: (r, to) => kpis.returnTransition(r, to as ReturnState),
    });
  }

  findById(id: string): Promise<ReturnRecord | null> {
    return this.findRow(id);
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

  async insert(m: EntityManager, record: ReturnRecord, changes: ReturnChange[]): Promise<void> {
    await m.insert(ReturnRecord, { ...record, state: ReturnState.REQUESTED });
    let current: ReturnRecord = { ...record, state: ReturnState.REQUESTED };
    await this.addTransition(m, current.id, 1, null, ReturnState.REQUESTED, changes[0]?.cause ?? 'requested');
    for (const c of changes) current = await this.apply(m, current, c);
  }
}
