import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { ErpSalesOrderCancelledData, EventType, ShipmentRecordedData } from '@weft/events';
import { isUniqueViolation } from '@weft/persistence';
import { CanonicalOrder } from '@weft/retail-model';
import { WorkflowRunner } from './orders.runner';
import { OrderRecord } from './order.entity';
import { PendingOrderFact } from './pending-fact.entity';
import { CANCELLABLE_STATES, effectiveState, OrderState, TERMINAL_STATES } from './order-state';
import { currentTraceparent } from '@weft/observability';
import { OrderKpis } from '../ops/order-kpis';
import { Change, OrderStore } from './order.store';

const CAPTURED = new Set(['paid', 'partially_paid', 'refunded', 'partially_refunded']);

export function businessKey(channel: string, externalId: string): string {
  return `${channel}:${externalId}`;
}

function orderEvents(doc: CanonicalOrder): Change['events'] {
  return [
    {
      type: EventType.OrderCreated,
      data: {
        channel: doc.channel,
        externalId: doc.externalId,
        currency: doc.currency,
        totalMinor: doc.totals.totalMinor,
        lines: doc.lines.length,
      },
    },
  ];
}

/**
 * Takes orders and facts about them from every channel. Deliveries arrive late, twice and out of
 * order, so facts merge monotonically: payment captured and cancelled never revert, and an older
 * snapshot never overwrites a newer one. The result does not depend on the order of arrival.
 */
@Injectable()
export class OrderIntakeService {
  constructor(
    private readonly store: OrderStore,
    private readonly runner: WorkflowRunner,
    private readonly kpis: OrderKpis,
  ) {}

  /** `within` runs in the transaction that creates the order (e.g. a ledger hold): if it throws, nothing is recorded. */
  async acceptChannelOrder(
    doc: CanonicalOrder,
    cause: string,
    extra: Partial<OrderRecord> = {},
    within?: (m: EntityManager) => Promise<void>,
  ): Promise<OrderRecord> {
    const key = businessKey(doc.channel, doc.externalId);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const existing = await this.store.findByBusinessKey(key);
        const result = existing ? await this.merge(existing.id, doc, cause) : await this.create(key, doc, cause, extra, within);
        this.runner.kick();
        return result;
      } catch (e) {
        // Two deliveries of a new order raced on the unique business key: the loser merges.
        if (!isUniqueViolation(e)) throw e;
      }
    }
    throw new Error(`could not record order ${key}`);
  }

  private async create(
    key: string,
    doc: CanonicalOrder,
    cause: string,
    extra: Partial<OrderRecord>,
    within?: (m: EntityManager) => Promise<void>,
  ): Promise<OrderRecord> {
    const now = new Date().toISOString();
    const captured = CAPTURED.has(doc.financialStatus);
    const record: OrderRecord = {
      id: randomUUID(),
      businessKey: key,
      channel: doc.channel,
      externalId: doc.externalId,
      orderNumber: doc.orderNumber ?? null,
      state: OrderState.RECEIVED,
      document: JSON.stringify(doc),
      sourceUpdatedAt: doc.sourceUpdatedAt,
      financialStatus: doc.financialStatus,
      paymentCaptured: captured,
      cancelRequested: doc.cancelled,
      cancelledBy: null,
      partnerId: doc.partnerId ?? null,
      erpCustomerId: null,
      crmContactId: null,
      reservationKey: null,
      erpSalesOrderId: null,
      erpOrderNumber: null,
      erpInvoiceId: null,
      traceparent: currentTraceparent() ?? null,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      resumeState: null,
      waitingSince: null,
      leaseUntil: null,
      leaseOwner: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...extra,
    };
    const changes: Change[] = [{ to: OrderState.RECEIVED, cause, events: orderEvents(doc) }];
    if (captured)
      changes.push({
        cause: '',
        events: [{ type: EventType.PaymentCaptured, data: { amountMinor: doc.totals.totalMinor, currency: doc.currency } }],
      });
    if (doc.cancelled) {
      // Arrived already cancelled or voided: recorded, never sent to the ERP.
      record.state = OrderState.CANCELLED;
      record.nextAttemptAt = null;
      changes.push({
        to: OrderState.CANCELLED,
        cause: `arrived ${doc.financialStatus === 'voided' ? 'voided' : 'cancelled'}: not sent to the ERP`,
        events: [{ type: EventType.OrderCancelled, data: { reason: 'arrived-cancelled' } }],
      });
    }
    await this.store.uow.run(async (m) => {
      await within?.(m);
      await this.store.insert(m, record, changes);
    });
    await this.applyPendingFacts(key);
    return record;
  }

  private async applyPendingFacts(key: string): Promise<void> {
    const facts = await this.store.uow.serialised(() => this.store.uow.manager.findBy(PendingOrderFact, { businessKey: key }));
    for (const f of facts) {
      const p = JSON.parse(f.payload) as { amountMinor: number; currency: string; cause: string };
      const [channel, ...rest] = key.split(':');
      await this.recordCapture(channel, rest.join(':'), p.amountMinor, p.currency, `${p.cause}, arrived before the order`);
      await this.store.uow.run((m) => m.delete(PendingOrderFact, { id: f.id }));
    }
  }

  private async merge(id: string, doc: CanonicalOrder, cause: string): Promise<OrderRecord> {
    return this.store.uow.run(async (m) => {
      const current = (await this.store.lock(m, id))!;
      const newer = doc.sourceUpdatedAt > current.sourceUpdatedAt;
      const captured = CAPTURED.has(doc.financialStatus);
      const changes: Change[] = [];
      const patch: Partial<OrderRecord> = {};
      if (newer) {
        const stored = JSON.parse(current.document) as CanonicalOrder;
        // Lines are frozen once the ERP has the order; later edits are noted, not re-sent.
        const lines = current.erpSalesOrderId ? stored.lines : doc.lines;
        Object.assign(patch, {
          document: JSON.stringify({ ...doc, lines, partnerId: stored.partnerId }),
          sourceUpdatedAt: doc.sourceUpdatedAt,
          financialStatus: doc.financialStatus,
        });
      }
      if (captured && !current.paymentCaptured) {
        patch.paymentCaptured = true;
        changes.push({
          cause: `payment captured (${cause})`,
          events: [{ type: EventType.PaymentCaptured, data: { amountMinor: doc.totals.totalMinor, currency: doc.currency } }],
        });
      }
      if (doc.cancelled && !current.cancelRequested) {
        patch.cancelRequested = true;
        changes.push({
          cause: CANCELLABLE_STATES.has(effectiveState(current))
            ? `cancellation requested (${cause})`
            : `cancellation requested in ${current.state}: goods already left, not cancelled (${cause})`,
        });
      }
      if (changes.length === 0) changes.push({ cause: newer ? `updated (${cause})` : `stale or duplicate delivery ignored (${cause})` });
      if (!TERMINAL_STATES.has(current.state) && (patch.paymentCaptured || patch.cancelRequested || patch.financialStatus))
        patch.nextAttemptAt = new Date().toISOString();
      let next = await this.store.apply(m, current, { cause: changes[0].cause, patch, events: changes[0].events });
      for (const c of changes.slice(1)) next = await this.store.apply(m, next, c);
      return next;
    });
  }

  /** A captured payment reported on its own (order_transactions/create with kind capture or sale). */
  async recordCapture(
    channel: string,
    externalId: string,
    amountMinor: number,
    currency: string,
    cause: string,
  ): Promise<OrderRecord | null> {
    const key = businessKey(channel, externalId);
    const order = await this.store.findByBusinessKey(key);
    if (!order) {
      await this.store.uow.run(async (m) => {
        if (await m.findOneBy(PendingOrderFact, { id: `capture:${key}` })) return;
        await m.insert(PendingOrderFact, {
          id: `capture:${key}`,
          businessKey: key,
          kind: 'capture',
          payload: JSON.stringify({ amountMinor, currency, cause }),
          at: new Date().toISOString(),
        });
      });
      // The order may have been created meanwhile: apply now rather than wait for the next fact.
      if (await this.store.findByBusinessKey(key)) await this.applyPendingFacts(key);
      return null;
    }
    const result = await this.store.uow.run(async (m) => {
      const current = (await this.store.lock(m, order.id))!;
      if (current.paymentCaptured) return this.store.apply(m, current, { cause: `duplicate capture ignored (${cause})` });
      return this.store.apply(m, current, {
        cause: `payment captured (${cause})`,
        patch: {
          paymentCaptured: true,
          financialStatus: 'paid',
          nextAttemptAt: TERMINAL_STATES.has(current.state) ? null : new Date().toISOString(),
        },
        events: [{ type: EventType.PaymentCaptured, data: { amountMinor, currency } }],
      });
    });
    this.runner.kick();
    return result;
  }

  /** The ERP shipped goods: partial or full fulfilment. */
  async recordShipment(data: ShipmentRecordedData, recordedAt?: string): Promise<OrderRecord | null> {
    const order = await this.store.findByBusinessKey(data.externalReference);
    if (!order) return null;
    const result = await this.store.uow.run(async (m) => {
      const current = (await this.store.lock(m, order.id))!;
      const to = data.fullyShipped ? OrderState.FULFILLED : OrderState.PARTIALLY_FULFILLED;
      const shippable = [OrderState.ACCEPTED_BY_ERP, OrderState.PARTIALLY_FULFILLED].includes(current.state);
      const lines = data.lines.map((l) => `${l.quantity}×${l.sku}`).join(', ');
      return this.store.apply(m, current, {
        to: shippable && current.state !== to ? to : undefined,
        cause: `ERP shipment ${data.shipmentId}: ${lines}${data.trackingNumber ? ` (tracking ${data.trackingNumber})` : ''}`,
        patch: shippable && to === OrderState.FULFILLED ? { nextAttemptAt: new Date().toISOString() } : {},
        events: [
          {
            type: EventType.ShipmentConfirmed,
            data: {
              shipmentId: data.shipmentId,
              erpSalesOrderId: data.salesOrderId,
              lines: data.lines,
              fullyShipped: data.fullyShipped,
              trackingNumber: data.trackingNumber ?? null,
              carrier: data.carrier ?? null,
            },
          },
        ],
      });
    });
    if (result) this.kpis.shipmentApplied(result, recordedAt);
    this.runner.kick();
    return result;
  }

  /**
   * The ERP cancelled an order's sales order itself. Before anything shipped, the order is cancelled
   * through the workflow's cancel step (reservation given back, the ERP not asked again), which emits
   * OrderCancelled 'cancelled-in-erp' so the shop cancels it too. Once goods have left (or the order is
   * invoiced, completed or failed), a retail team would not want the customer's order cancelled and
   * refunded in the shop behind their back: the goods are with the customer or on their way, and an
   * ERP-side cancellation at that point is a back-office correction (a write-off, a return to book)
   * that a person must reconcile. So it is only written to the timeline. Seen twice, the second changes
   * nothing: the order is already cancelled or already asked to be.
   */
  async recordErpCancellation(data: ErpSalesOrderCancelledData): Promise<{ order: OrderRecord; outcome: string } | null> {
    const order = await this.store.findByBusinessKey(data.externalReference);
    if (!order) return null;
    const so = data.number ?? data.salesOrderId;
    const result = await this.store.uow.run(async (m) => {
      const current = (await this.store.lock(m, order.id))!;
      if (current.state === OrderState.CANCELLED || current.cancelRequested) return { order: current, outcome: 'already cancelled' };
      if (current.erpSalesOrderId && current.erpSalesOrderId !== data.salesOrderId)
        return { order: current, outcome: `ERP sales order ${data.salesOrderId} is not this order's (${current.erpSalesOrderId})` };
      if (CANCELLABLE_STATES.has(effectiveState(current))) {
        const updated = await this.store.apply(m, current, {
          cause: `ERP cancelled sales order ${so} at ${data.cancelledAt}: cancelling the order`,
          patch: { cancelRequested: true, cancelledBy: 'erp', nextAttemptAt: new Date().toISOString() },
        });
        return { order: updated, outcome: 'cancelling' };
      }
      const updated = await this.store.apply(m, current, {
        cause: `ERP cancelled sales order ${so} at ${data.cancelledAt} after the order reached ${current.state}: not cancelled in Weft or the shop; needs a person to reconcile (return, write-off or refund)`,
      });
      return { order: updated, outcome: `noted: the order is ${current.state}` };
    });
    this.runner.kick();
    return result;
  }

  /** A fact about an order that changes no state (e.g. a channel-side fulfilment), kept in the timeline. */
  async note(channel: string, externalId: string, cause: string): Promise<boolean> {
    const order = await this.store.findByBusinessKey(businessKey(channel, externalId));
    if (!order) return false;
    await this.store.uow.run(async (m) => this.store.apply(m, (await this.store.lock(m, order.id))!, { cause }));
    return true;
  }
}
