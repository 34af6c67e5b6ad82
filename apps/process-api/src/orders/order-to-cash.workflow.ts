import { Inject, Injectable } from '@nestjs/common';
import { EventType } from '@weft/events';
import { DomainError, ErrorCode, isDomainError } from '@weft/problem';
import { CanonicalOrder, currencyExponent } from '@weft/retail-model';
import { OrderRecord } from './order.entity';
import { CANCELLABLE_STATES, OrderState } from './order-state';
import { ProcessConfig } from '../process.config';
import { Change } from './order.store';
import { ErpSalesOrderView, SYSTEM_PORT, SystemPort } from '../system/system.port';
import { CLOCK, Clock, isoAt } from '../workflow/clock.port';
import { customerKey } from '../workflow/customer-key';
import { MachineStep } from '../workflow/state-machine.runner';
import { WorkflowStep } from '../workflow/step';
import { orderSubmissionFor, reservationFor, salesOrderFor } from './erp-submission.mapper';

/** Payment states that let an order proceed; `pending` holds it until the channel reports payment. */
const PAYABLE = new Set(['authorized', 'paid', 'partially_paid']);

/**
 * Order-to-cash: RECEIVED → VALIDATED → (ON_HOLD) → CUSTOMER_RESOLVED → RESERVED → SUBMITTED →
 * ACCEPTED_BY_ERP → (PARTIALLY_)FULFILLED → INVOICED → COMPLETED, or CANCELLED with compensation.
 * A paid order the ERP has no stock for waits in BACKORDERED until stock arrives. Fulfilment arrives
 * from the ERP as events; the other steps run here. A validated order goes from VALIDATED to
 * ACCEPTED_BY_ERP in one round trip to system-api (`submit-to-erp`), its intermediate states recorded in
 * the same commit; the step-by-step steps serve orders that stopped between those states (a backorder
 * rechecked, a row written by an earlier release).
 */
@Injectable()
export class OrderToCashWorkflow {
  constructor(
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
    private readonly config: ProcessConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  readonly validate: WorkflowStep = {
    name: 'validate',
    invoke: async ({ doc }) => {
      const problems: string[] = [];
      if (doc.lines.length === 0) problems.push('the order has no lines');
      for (const l of doc.lines)
        if (!Number.isInteger(l.quantity) || l.quantity <= 0) problems.push(`line ${l.lineId} has quantity ${l.quantity}`);
      try {
        currencyExponent(doc.currency);
      } catch {
        problems.push(`unknown currency ${doc.currency}`);
      }
      if (problems.length > 0) throw new DomainError(ErrorCode.BUSINESS_RULE, `Order is invalid: ${problems.join('; ')}`);
      return [{ to: OrderState.VALIDATED, cause: `validated ${doc.lines.length} line(s)` }];
    },
  };

  /** An unpaid order waits in ON_HOLD; once paid it is released (the change that says so), else undefined. */
  private payment(order: OrderRecord, doc: CanonicalOrder): { hold: Change[] } | { released: Change[] } {
    if (!PAYABLE.has(doc.financialStatus) && !order.paymentCaptured) {
      return {
        hold:
          order.state === OrderState.ON_HOLD
            ? []
            : [{ to: OrderState.ON_HOLD, cause: `payment ${doc.financialStatus}: held until the channel reports payment` }],
      };
    }
    return { released: order.state === OrderState.ON_HOLD ? [{ to: OrderState.VALIDATED, cause: 'payment received: hold released' }] : [] };
  }

  private resolved(doc: CanonicalOrder, erpCustomerId: string, crmContactId: string | undefined): Change {
    return {
      to: OrderState.CUSTOMER_RESOLVED,
      cause: `customer ${customerKey(doc)} resolved (ERP ${erpCustomerId}${crmContactId ? `, CRM ${crmContactId}` : ''})`,
      patch: { erpCustomerId, crmContactId: crmContactId ?? null },
    };
  }

  private reserved(order: OrderRecord, doc: CanonicalOrder, held: boolean): Change {
    // A till sale has already handed the goods over: a stock shortfall is the ERP's discrepancy to fix, not a reason to stop.
    if (!held)
      return {
        to: OrderState.RESERVED,
        cause: `sold at the till without stock on record at ${doc.locationId}: ERP stock discrepancy`,
        patch: { reservationKey: null },
      };
    return {
      to: OrderState.RESERVED,
      cause: `stock reserved at ${doc.locationId}`,
      patch: { reservationKey: order.businessKey },
      events: [
        {
          type: EventType.InventoryReserved,
          data: { locationId: doc.locationId, lines: doc.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
        },
      ],
    };
  }

  private submitted(so: ErpSalesOrderView): Change[] {
    const number = so.number ?? so.id;
    return [
      {
        to: OrderState.SUBMITTED,
        cause: `ERP sales order ${number} created`,
        patch: { erpSalesOrderId: so.id, erpOrderNumber: number },
        events: [{ type: EventType.OrderSubmittedToErp, data: { erpSalesOrderId: so.id, erpOrderNumber: number } }],
      },
      { to: OrderState.ACCEPTED_BY_ERP, cause: `ERP confirmed sales order ${number} (${so.state})` },
    ];
  }

  /**
   * VALIDATED (or ON_HOLD, once paid) to ACCEPTED_BY_ERP in one call: system-api resolves the customer,
   * records the CRM activity, holds the stock and creates the sales order, each idempotent on the order's
   * business key, so a retry after a lost answer (a crash before this commit) repeats nothing.
   */
  readonly submitToErp: WorkflowStep = {
    name: 'submit-to-erp',
    invoke: async ({ order, doc }) => {
      const pay = this.payment(order, doc);
      if ('hold' in pay) return pay.hold;
      const r = await this.system.submitOrder(orderSubmissionFor(order, doc, this.config.erpTaxCodes));
      const changes = [...pay.released, this.resolved(doc, r.erpCustomerId, r.crmContactId)];
      if (r.outcome === 'out-of-stock' || !r.salesOrder)
        return [...changes, ...this.backorder(order, doc.locationId, r.shortfall ?? 'no stock')];
      return [...changes, this.reserved(order, doc, r.held), ...this.submitted(r.salesOrder)];
    },
  };

  readonly reserve: WorkflowStep = {
    name: 'reserve',
    invoke: async ({ order, doc }) => {
      try {
        await this.system.reserveStock(reservationFor(order, doc));
      } catch (e) {
        if (!(isDomainError(e) && e.code === ErrorCode.OUT_OF_STOCK)) throw e;
        if (doc.channel !== 'pos') return this.backorder(order, doc.locationId, e.detail);
        return [this.reserved(order, doc, false)];
      }
      return [this.reserved(order, doc, true)];
    },
    compensate: async ({ order }) => {
      // The hold carries the business key; a row whose save after the hold was lost has no key recorded, so
      // the business key is released either way (releasing a key nobody holds is a no-op).
      await this.system.releaseReservation(order.reservationKey ?? order.businessKey);
    },
  };

  /** A paid channel order without stock is a business exception: parked, rechecked, never FAILED for it. */
  private backorder(order: OrderRecord, locationId: string | undefined, detail: string): Change[] {
    const nextAttemptAt = isoAt(this.clock, this.config.WORKFLOW_BACKORDER_RECHECK_MS);
    if (order.state === OrderState.BACKORDERED) return [{ cause: '', patch: { nextAttemptAt } }];
    return [
      {
        to: OrderState.BACKORDERED,
        cause: `out of stock${locationId ? ` at ${locationId}` : ''}: ${detail}; backordered, stock rechecked every ${Math.round(this.config.WORKFLOW_BACKORDER_RECHECK_MS / 1000)} s`,
        patch: { nextAttemptAt },
      },
    ];
  }

  readonly submit: WorkflowStep = {
    name: 'create-sales-order',
    invoke: async ({ order, doc }) => {
      const input = { ...salesOrderFor(order, doc, this.config.erpTaxCodes), erpCustomerId: order.erpCustomerId! };
      const create = (reservationKey: string | undefined) => this.system.createSalesOrder({ ...input, reservationKey });
      let so: ErpSalesOrderView;
      try {
        so = await create(order.reservationKey ?? undefined);
      } catch (e) {
        // The reservation expired while the order waited (RESERVATION_TTL_SECONDS at the ERP) and its stock has
        // gone since: the ERP refuses to confirm it. A paid order goes back to the reserve step as a backorder
        // (reserving is idempotent by key, so it takes the same hold again once stock is there); a till sale
        // has handed the goods over and is posted without a hold, as the reserve step does for it.
        if (!(isDomainError(e) && e.code === ErrorCode.OUT_OF_STOCK && order.reservationKey)) throw e;
        if (doc.channel !== 'pos') return this.backorder(order, doc.locationId, `reservation lapsed before the ERP order: ${e.detail}`);
        so = await create(undefined);
      }
      return this.submitted(so);
    },
    compensate: async ({ order }) => {
      // The save after the ERP create may have been lost (a crash between the two): look the order up by reference.
      const id = order.erpSalesOrderId ?? (await this.system.findSalesOrdersByReference(order.businessKey))[0]?.id;
      if (id) await this.system.cancelSalesOrder(id);
    },
  };

  /** A till sale is fulfilled when it is rung up: the store's stock leaves now. */
  readonly fulfilAtTill: WorkflowStep = {
    name: 'fulfil-at-till',
    invoke: async ({ order }) => {
      const shipment = await this.system.confirmShipment(order.erpSalesOrderId!, { shipmentKey: `${order.businessKey}:till` });
      return [{ to: OrderState.FULFILLED, cause: `handed over at the till (ERP shipment ${shipment.shipmentId})` }];
    },
  };

  readonly invoice: WorkflowStep = {
    name: 'invoice',
    invoke: async ({ order }) => {
      const inv = await this.system.postInvoice(order.erpSalesOrderId!);
      return [{ to: OrderState.INVOICED, cause: `ERP invoice ${inv.invoiceId} posted`, patch: { erpInvoiceId: inv.invoiceId } }];
    },
  };

  readonly settle: WorkflowStep = {
    name: 'settle',
    invoke: async ({ order, doc }) => {
      if (!order.paymentCaptured) return [];
      const inv = await this.system.recordPayment(order.erpInvoiceId!, {
        paymentKey: `${order.businessKey}:payment`,
        amountMinor: doc.totals.totalMinor,
        currency: doc.currency,
      });
      if (order.crmContactId) {
        await this.system.addCrmActivity(order.crmContactId, {
          activityKey: `order:${order.businessKey}:completed`,
          kind: 'order-completed',
          summary: `Order ${doc.orderNumber ?? doc.externalId} completed`,
        });
      }
      // Both ERPs post the channel's own amounts; a gap left here is a variance the reconciliation run reports.
      const gap =
        inv.state === 'paid'
          ? ''
          : `; ERP invoice total ${inv.totalMinor} differs from the ${doc.totals.totalMinor} captured: left open for reconciliation`;
      return [
        {
          to: OrderState.COMPLETED,
          cause: `payment of ${doc.totals.totalMinor} ${doc.currency} recorded on ERP invoice ${inv.invoiceId} (${inv.state})${gap}`,
        },
      ];
    },
  };

  /** The step that moves an order on from its state; undefined while it waits for an outside event. */
  stepFor(state: OrderState, channel: string): WorkflowStep | undefined {
    if (state === OrderState.ACCEPTED_BY_ERP && channel === 'pos') return this.fulfilAtTill;
    switch (state) {
      case OrderState.RECEIVED:
        return this.validate;
      case OrderState.VALIDATED:
      case OrderState.ON_HOLD:
        return this.submitToErp;
      case OrderState.CUSTOMER_RESOLVED:
      case OrderState.BACKORDERED:
        return this.reserve;
      case OrderState.RESERVED:
        return this.submit;
      case OrderState.FULFILLED:
        return this.invoice;
      case OrderState.INVOICED:
        return this.settle;
      case OrderState.SUBMITTED:
        return this.submit;
      case OrderState.ACCEPTED_BY_ERP:
      case OrderState.PARTIALLY_FULFILLED:
      case OrderState.COMPLETED:
      case OrderState.CANCELLED:
      case OrderState.FAILED:
      case OrderState.WAITING_FOR_ERP:
        return undefined;
    }
  }

  /** Compensation when the order fails for good: a reservation nobody will use is given back. */
  readonly releaseAfterFailure: MachineStep<OrderRecord> = {
    name: 'release-after-failure',
    invoke: async (order) => {
      await this.system.releaseReservation(order.reservationKey!);
      return [{ cause: `reservation ${order.reservationKey} released: the order failed`, patch: { reservationKey: null } }];
    },
  };

  readonly cancel: MachineStep<OrderRecord> = {
    name: 'cancel',
    invoke: async (order) => {
      const ctx = { order, doc: JSON.parse(order.document) as CanonicalOrder };
      // The channel's own document says whether it cancelled; else the ERP's cancellation feed may have
      // (cancelledBy 'erp'); otherwise Weft did (an operator). The reason tells the Shopify write-back
      // to cancel the order in the shop too rather than skip an echo of the shop's own cancellation.
      const byChannel = ctx.doc.cancelled === true;
      if (!byChannel && order.cancelledBy === 'erp') {
        // The ERP already cancelled its sales order: only Weft's own hold is given back.
        await this.reserve.compensate?.(ctx);
        return [
          {
            to: OrderState.CANCELLED,
            cause: `cancelled in the ERP (sales order ${order.erpOrderNumber ?? order.erpSalesOrderId ?? 'unknown'}): reservation released`,
            events: [{ type: EventType.OrderCancelled, data: { reason: 'cancelled-in-erp' } }],
          },
        ];
      }
      for (const step of this.compensationsFor()) await step.compensate?.(ctx);
      return [
        {
          to: OrderState.CANCELLED,
          cause: `cancelled ${byChannel ? 'by the channel' : 'in Weft'}: reservation released, ERP order cancelled`,
          events: [{ type: EventType.OrderCancelled, data: { reason: byChannel ? 'channel-cancelled' : 'cancelled-in-weft' } }],
        },
      ];
    },
  };

  /** The step the engine runs for an order as it stands (a waiting order is seen in the state it waits to leave). */
  machineStepFor(order: OrderRecord): MachineStep<OrderRecord> | undefined {
    if (order.state === OrderState.FAILED) return order.reservationKey && !order.erpSalesOrderId ? this.releaseAfterFailure : undefined;
    if (order.cancelRequested && CANCELLABLE_STATES.has(order.state)) return this.cancel;
    const step = this.stepFor(order.state, order.channel);
    return step && { name: step.name, invoke: (o) => step.invoke({ order: o, doc: JSON.parse(o.document) as CanonicalOrder }) };
  }

  /** Compensation in reverse order of the steps that ran. */
  compensationsFor(): WorkflowStep[] {
    return [this.submit, this.reserve];
  }
}
