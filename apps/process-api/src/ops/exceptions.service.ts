import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { CloudEvent, EventType } from '@weft/events';
import { DeadLetter, EVENT_BUS, EventBus } from '@weft/messaging';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderRecord, OrderTransition } from '../orders/order.entity';
import { OrderState } from '../orders/order-state';
import { OrderStore } from '../orders/order.store';
import { ReturnRecord, ReturnTransition } from '../returns/return.entity';
import { ReturnState } from '../returns/return-state';
import { ReturnStore } from '../returns/return.store';
import { ReturnsRunner } from '../returns/returns.runner';
import { WorkflowRunner } from '../orders/orders.runner';
import {
  AuditQueryDto,
  BulkRetryRequestDto,
  BulkRetryResultDto,
  ExceptionDetailDto,
  ExceptionItemDto,
  ExceptionQueryDto,
  mapDeadLetterException,
  mapExceptionDetail,
  mapOperatorAction,
  mapOrderException,
  mapReturnException,
  OperatorActionDto,
} from './exceptions.dto';
import { OperatorAction } from './operator-action.entity';

const ORDER_STATES: OrderState[] = [OrderState.FAILED, OrderState.WAITING_FOR_ERP, OrderState.BACKORDERED];
const RETURN_STATES: ReturnState[] = [ReturnState.EXCEPTION, ReturnState.WAITING];

type Kind = ExceptionItemDto['kind'];

/**
 * The exception queue: orders and returns that wait or failed, and dead-lettered events, in one list
 * an operator filters, inspects, retries or discards. Every action is written to the audit log.
 */
@Injectable()
export class ExceptionsService {
  constructor(
    @InjectRepository(DeadLetter) private readonly deadLetters: Repository<DeadLetter>,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly orders: OrderStore,
    private readonly returns: ReturnStore,
    private readonly orderRunner: WorkflowRunner,
    private readonly returnRunner: ReturnsRunner,
  ) {}

  private get uow() {
    return this.orders.uow;
  }

  async list(q: ExceptionQueryDto): Promise<ExceptionItemDto[]> {
    const limit = q.limit ?? 100;
    const m = this.uow.manager;
    const want = (k: Kind) => !q.kind || q.kind === k;
    const items: ExceptionItemDto[] = [];
    if (want('order')) {
      const states = q.state ? ORDER_STATES.filter((s) => s === q.state) : ORDER_STATES;
      const rows = states.length
        ? await this.uow.serialised(() =>
            m.find(OrderRecord, {
              where: { state: In(states), ...(q.channel ? { channel: q.channel } : {}) },
              order: { createdAt: 'ASC' },
              take: 2000,
            }),
          )
        : [];
      items.push(...rows.map(mapOrderException));
    }
    if (want('return')) {
      const states = q.state ? RETURN_STATES.filter((s) => s === q.state) : RETURN_STATES;
      const rows = states.length
        ? await this.uow.serialised(() =>
            m.find(ReturnRecord, {
              where: { state: In(states), ...(q.channel ? { channel: q.channel } : {}) },
              order: { createdAt: 'ASC' },
              take: 2000,
            }),
          )
        : [];
      items.push(...rows.map(mapReturnException));
    }
    if (want('dead-letter') && (!q.state || q.state === 'DEAD_LETTERED') && !q.channel && !q.store) {
      const rows = await this.uow.serialised(() =>
        this.deadLetters.find({
          where: { replayedAt: IsNull(), discardedAt: IsNull(), ...(q.type ? { type: q.type } : {}) },
          order: { createdAt: 'ASC' },
          take: 2000,
        }),
      );
      items.push(...rows.map(mapDeadLetterException));
    }
    const cutoff = q.olderThanMinutes === undefined ? undefined : new Date(Date.now() - q.olderThanMinutes * 60_000).toISOString();
    return items
      .filter(
        (i) =>
          (!q.errorCode || i.errorCode === q.errorCode) &&
          (!q.store || i.store === q.store) &&
          (!q.shop || i.shop === q.shop) &&
          (!q.type || i.type === q.type),
      )
      .filter((i) => !cutoff || i.since <= cutoff)
      .sort((a, b) => a.since.localeCompare(b.since))
      .slice(0, limit);
  }

  async inspect(kind: Kind, id: string): Promise<ExceptionDetailDto> {
    switch (kind) {
      case 'order': {
        const o = await this.orders.findById(id);
        if (!o) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
        return mapExceptionDetail(mapOrderException(o), JSON.parse(o.document) as Record<string, unknown>, await this.orders.timeline(id));
      }
      case 'return': {
        const r = await this.returns.findById(id);
        if (!r) throw new DomainError(ErrorCode.NOT_FOUND, `No return ${id}`);
        const payload = {
          orderId: r.orderId,
          lines: JSON.parse(r.lines) as unknown,
          currency: r.currency,
          refundTotalMinor: r.refundTotalMinor,
        };
        return mapExceptionDetail(mapReturnException(r), payload, await this.returns.timeline(id));
      }
      case 'dead-letter': {
        const d = await this.deadLetter(id);
        return mapExceptionDetail(mapDeadLetterException(d), JSON.parse(d.payload) as Record<string, unknown>, []);
      }
    }
  }

  /** Puts one item back to work now: a failed one where it failed, a waiting one without its wait, a dead letter replayed. */
  async retry(kind: Kind, id: string, actor: string, reason: string | null): Promise<string> {
    const by = `by ${actor}${reason ? `: ${reason}` : ''}`;
    let outcome: string;
    switch (kind) {
      case 'order':
        outcome = await this.uow.run((m) => this.retryOrder(m, id, by));
        this.orderRunner.kick();
        break;
      case 'return':
        outcome = await this.uow.run((m) => this.retryReturn(m, id, by));
        this.returnRunner.kick();
        break;
      case 'dead-letter': {
        const d = await this.deadLetter(id);
        if (d.replayedAt || d.discardedAt)
          throw new DomainError(ErrorCode.CONFLICT, `Dead letter ${id} was already ${d.replayedAt ? 'replayed' : 'discarded'}`);
        await this.bus.publish(JSON.parse(d.payload) as CloudEvent, { replay: true });
        await this.uow.serialised(() => this.deadLetters.update({ id }, { replayedAt: new Date().toISOString() }));
        outcome = `event ${d.eventId} replayed to ${d.consumer}`;
        break;
      }
    }
    await this.audit(actor, 'retry', kind, id, reason, outcome);
    return outcome;
  }

  async discard(kind: Kind, id: string, actor: string, reason: string): Promise<string> {
    const by = `by ${actor}: ${reason}`;
    let outcome: string;
    switch (kind) {
      case 'order':
        outcome = await this.uow.run((m) => this.discardOrder(m, id, by));
        this.orderRunner.kick();
        break;
      case 'return':
        outcome = await this.uow.run(async (m) => {
          const r = await this.lockedReturn(m, id);
          await this.returns.apply(m, r, { to: ReturnState.CLOSED, cause: `discarded ${by}`, patch: { nextAttemptAt: null } });
          return `return closed without refund from ${r.state}`;
        });
        break;
      case 'dead-letter': {
        const d = await this.deadLetter(id);
        if (d.replayedAt || d.discardedAt)
          throw new DomainError(ErrorCode.CONFLICT, `Dead letter ${id} was already ${d.replayedAt ? 'replayed' : 'discarded'}`);
        await this.uow.serialised(() => this.deadLetters.update({ id }, { discardedAt: new Date().toISOString() }));
        outcome = `event ${d.eventId} discarded for ${d.consumer}`;
        break;
      }
    }
    await this.audit(actor, 'discard', kind, id, reason, outcome);
    return outcome;
  }

  async retryMatching(q: BulkRetryRequestDto, actor: string): Promise<BulkRetryResultDto> {
    const items = await this.list(q);
    const result: BulkRetryResultDto = { matched: items.length, retried: [], skipped: [] };
    for (const item of items) {
      try {
        await this.retry(item.kind, item.id, actor, q.reason ?? null);
        result.retried.push(item.id);
      } catch (e) {
        result.skipped.push({ id: item.id, why: e instanceof Error ? e.message : String(e) });
      }
    }
    return result;
  }

  async auditLog(q: AuditQueryDto): Promise<OperatorActionDto[]> {
    const rows = await this.uow.serialised(() =>
      this.uow.manager.find(OperatorAction, {
        where: q.targetId ? { targetId: q.targetId } : {},
        order: { at: 'DESC' },
        take: q.limit ?? 100,
      }),
    );
    return rows.map(mapOperatorAction);
  }

  private async retryOrder(m: EntityManager, id: string, by: string): Promise<string> {
    const o = await this.orders.lock(m, id);
    if (!o) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
    const now = new Date().toISOString();
    if (o.state === OrderState.WAITING_FOR_ERP || o.state === OrderState.BACKORDERED) {
      await this.orders.apply(m, o, { cause: `next attempt brought forward ${by}`, patch: { nextAttemptAt: now } });
      return `${o.state}: next attempt now`;
    }
    if (o.state !== OrderState.FAILED) throw new DomainError(ErrorCode.CONFLICT, `Order ${id} is ${o.state}: nothing to retry`);
    const failed = await m.findOne(OrderTransition, { where: { orderId: id, toState: OrderState.FAILED }, order: { seq: 'DESC' } });
    let back = (o.resumeState as OrderState | null) ?? (failed?.fromState as OrderState | null) ?? OrderState.RECEIVED;
    // Failing released the reservation: the retry reserves again before it goes to the ERP.
    if (back === OrderState.RESERVED && !o.reservationKey && o.channel !== 'pos') back = OrderState.CUSTOMER_RESOLVED;
    await this.orders.apply(m, o, {
      to: back,
      cause: `retried ${by}`,
      patch: { attempts: 0, lastError: null, resumeState: null, waitingSince: null, nextAttemptAt: now },
    });
    return `FAILED → ${back}`;
  }

  private async discardOrder(m: EntityManager, id: string, by: string): Promise<string> {
    const o = await this.orders.lock(m, id);
    if (!o) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
    if (o.state === OrderState.FAILED) {
      await this.orders.apply(m, o, {
        to: OrderState.CANCELLED,
        cause: `discarded ${by}`,
        patch: { nextAttemptAt: null },
        events: [{ type: EventType.OrderCancelled, data: { reason: 'discarded-by-operator' } }],
      });
      return 'FAILED → CANCELLED';
    }
    if (o.state !== OrderState.WAITING_FOR_ERP && o.state !== OrderState.BACKORDERED)
      throw new DomainError(ErrorCode.CONFLICT, `Order ${id} is ${o.state}: not in the exception queue`);
    // Still live in the ERP's eyes (a reservation, maybe a sales order): cancelled with compensation by the workflow.
    await this.orders.apply(m, o, {
      cause: `cancellation requested ${by}`,
      patch: { cancelRequested: true, nextAttemptAt: new Date().toISOString() },
    });
    return `${o.state}: cancellation with compensation requested`;
  }

  private async retryReturn(m: EntityManager, id: string, by: string): Promise<string> {
    const r = await this.lockedReturn(m, id);
    const now = new Date().toISOString();
    if (r.state === ReturnState.WAITING) {
      await this.returns.apply(m, r, { cause: `next attempt brought forward ${by}`, patch: { nextAttemptAt: now } });
      return 'WAITING: next attempt now';
    }
    const failed = await m.findOne(ReturnTransition, { where: { returnId: id, toState: ReturnState.EXCEPTION }, order: { seq: 'DESC' } });
    const back = (r.resumeState as ReturnState | null) ?? (failed?.fromState as ReturnState | null);
    if (!back) throw new DomainError(ErrorCode.CONFLICT, `Return ${id} has no state to go back to`);
    await this.returns.apply(m, r, {
      to: back,
      cause: `retried ${by}`,
      patch: { attempts: 0, lastError: null, resumeState: null, waitingSince: null, nextAttemptAt: now },
    });
    return `EXCEPTION → ${back}`;
  }

  private async lockedReturn(m: EntityManager, id: string): Promise<ReturnRecord> {
    const r = await this.returns.lock(m, id);
    if (!r) throw new DomainError(ErrorCode.NOT_FOUND, `No return ${id}`);
    if (!RETURN_STATES.includes(r.state))
      throw new DomainError(ErrorCode.CONFLICT, `Return ${id} is ${r.state}: not in the exception queue`);
    return r;
  }

  private async deadLetter(id: string): Promise<DeadLetter> {
    const d = await this.uow.serialised(() => this.deadLetters.findOneBy({ id }));
    if (!d) throw new DomainError(ErrorCode.NOT_FOUND, `No dead letter ${id}`);
    return d;
  }

  async audit(actor: string, action: string, kind: string, targetId: string, reason: string | null, outcome: string): Promise<void> {
    await this.uow.serialised(() =>
      this.uow.manager.insert(OperatorAction, {
        id: randomUUID(),
        actor: actor.slice(0, 200),
        action,
        kind,
        targetId,
        reason: reason?.slice(0, 500) ?? null,
        outcome: outcome.slice(0, 500),
        at: new Date().toISOString(),
      }),
    );
  }
}
