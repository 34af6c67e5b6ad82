import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CloudEvent } from '@weft/events';
import { DeadLetter, EVENT_BUS, EventBus } from '@weft/messaging';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderTransition } from '../orders/order.entity';
import { OrderState } from '../orders/order-state';
import { OrderStore } from '../orders/order.store';
import { WorkflowRunner } from '../orders/orders.runner';
import { DeadLetterDto, mapDeadLetter } from './ops.dto';

@Injectable()
export class OpsService {
  constructor(
    @InjectRepository(DeadLetter) private readonly deadLetters: Repository<DeadLetter>,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly store: OrderStore,
    private readonly runner: WorkflowRunner,
  ) {}

  async list(): Promise<DeadLetterDto[]> {
    const rows = await this.store.uow.serialised(() => this.deadLetters.find({ order: { createdAt: 'DESC' }, take: 200 }));
    return rows.map(mapDeadLetter);
  }

  /** Publishes the event again; consumers are idempotent, so only the one that failed acts on it. */
  async replay(id: string): Promise<DeadLetterDto> {
    const row = await this.store.uow.serialised(() => this.deadLetters.findOneBy({ id }));
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No dead letter ${id}`);
    await this.bus.publish(JSON.parse(row.payload) as CloudEvent, { replay: true });
    row.replayedAt = new Date().toISOString();
    await this.store.uow.serialised(() => this.deadLetters.update({ id }, { replayedAt: row.replayedAt }));
    return mapDeadLetter(row);
  }

  /** Puts a FAILED order back where it failed, with fresh attempts. */
  async retryOrder(id: string): Promise<void> {
    await this.store.uow.run(async (m) => {
      const order = await this.store.lock(m, id);
      if (!order) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
      if (order.state !== OrderState.FAILED) throw new DomainError(ErrorCode.CONFLICT, `Order ${id} is ${order.state}, not FAILED`);
      const failed = await m.findOne(OrderTransition, { where: { orderId: id, toState: OrderState.FAILED }, order: { seq: 'DESC' } });
      let back = (order.resumeState as OrderState | null) ?? (failed?.fromState as OrderState | null) ?? OrderState.RECEIVED;
      // Failing released the reservation: the retry reserves again before it goes to the ERP.
      if (back === OrderState.RESERVED && !order.reservationKey && order.channel !== 'pos') back = OrderState.CUSTOMER_RESOLVED;
      await this.store.apply(m, order, {
        to: back,
        cause: 'retried by an operator',
        patch: { attempts: 0, lastError: null, resumeState: null, waitingSince: null, nextAttemptAt: new Date().toISOString() },
      });
    });
    this.runner.kick();
  }
}
