import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { OrderKpis } from '../ops/order-kpis';
import { StateChange, WorkflowStateStore } from '../workflow/workflow-state.store';
import { OrderRecord, OrderTransition } from './order.entity';
import { OrderState } from './order-state';

export const PROCESS_SOURCE = '/weft/process-api/orders';

export type Change = StateChange<OrderRecord, OrderState>;

/** Orders, their timeline and the events they emit change together, in one transaction. */
@Injectable()
export class OrderStore extends WorkflowStateStore<OrderRecord, OrderState> {
  constructor(
    uow: UnitOfWork,
    outbox: OutboxWriter,
    private readonly kpis: OrderKpis,
  ) {
    super(uow, outbox, {
      entity: OrderRecord,
      transition: OrderTransition,
      parentColumn: 'orderId',
      source: PROCESS_SOURCE,
      eventData: (o) => ({ orderId: o.id, businessKey: o.businessKey }),
      onTransition: (o, to) => kpis.orderTransition(o, to as OrderState),
    });
  }

  findById(id: string): Promise<OrderRecord | null> {
    return this.findRow(id);
  }

  findByBusinessKey(businessKey: string): Promise<OrderRecord | null> {
    return this.uow.serialised(() => this.uow.manager.findOneBy(OrderRecord, { businessKey }));
  }

  timeline(orderId: string): Promise<OrderTransition[]> {
    return this.uow.serialised(() => this.uow.manager.find(OrderTransition, { where: { orderId }, order: { seq: 'ASC' } }));
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
}
