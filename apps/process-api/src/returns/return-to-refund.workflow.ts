import { Inject, Injectable } from '@nestjs/common';
import { EventType } from '@weft/events';
import { mapTaxes } from '../finance/erp-posting.mapper';
import { OrderStore } from '../orders/order.store';
import { ProcessConfig } from '../process.config';
import { CreditLineView, SYSTEM_PORT, SystemPort } from '../system/system.port';
import { PAYMENT_PORT, PaymentPort } from './payment.port';
import { ReturnLine, ReturnRecord } from './return.entity';
import { ReturnState } from './return-state';
import { ReturnChange } from './return.store';
import { MachineStep } from '../workflow/state-machine.runner';

export type ReturnStep = MachineStep<ReturnRecord>;

export interface AutoReceipt {
  locationId: string;
  restock: { sku: string; quantity: number }[];
}

/**
 * Return-to-refund: APPROVED → RECEIVED → CREDIT_POSTED → REFUNDED → CLOSED. Every step is keyed on
 * the return's business key, so a retry after a crash posts one credit memo and one refund. A refund
 * that keeps failing after the credit memo leaves the return in EXCEPTION with the reason: the money
 * is recorded in the ERP and nobody is refunded twice.
 */
@Injectable()
export class ReturnToRefundWorkflow {
  constructor(
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
    @Inject(PAYMENT_PORT) private readonly payments: PaymentPort,
    private readonly orders: OrderStore,
    private readonly config: ProcessConfig,
  ) {}

  /** Goods that come back with the refund (Shopify restock, POS return) are received without a receipt call. */
  readonly receive: ReturnStep = {
    name: 'receive',
    invoke: async (r) => {
      const auto = JSON.parse(r.autoReceipt!) as AutoReceipt;
      if (auto.restock.length > 0)
        await this.system.receiveReturn({ receiptKey: `${r.businessKey}:receipt`, locationId: auto.locationId, lines: auto.restock });
      return [receivedChange(auto.locationId, auto.restock, auto.restock.length > 0 ? `restocked at ${auto.locationId}` : 'no restock')];
    },
  };

  readonly creditNote: ReturnStep = {
    name: 'credit-note',
    invoke: async (r) => {
      const order = await this.orders.findById(r.orderId);
      const lines = JSON.parse(r.lines) as ReturnLine[];
      if (!order?.erpSalesOrderId) return [{ to: ReturnState.CREDIT_POSTED, cause: 'order never reached the ERP: no credit memo needed' }];
      const note = await this.system.createCreditNote({
        creditKey: r.businessKey,
        salesOrderId: order.erpSalesOrderId,
        currency: r.currency,
        lines: creditLines(lines, this.config.erpTaxCodes),
      });
      return [
        {
          to: ReturnState.CREDIT_POSTED,
          cause: `ERP credit memo ${note.invoiceId} posted for ${r.refundTotalMinor} ${r.currency}`,
          patch: { erpCreditNoteId: note.invoiceId },
        },
      ];
    },
  };

  readonly refund: ReturnStep = {
    name: 'refund',
    invoke: async (r) => {
      const order = await this.orders.findById(r.orderId);
      if (r.refundedByChannel) {
        return [
          {
            to: ReturnState.REFUNDED,
            cause: `refunded by ${r.channel} (${r.refundTotalMinor} ${r.currency}): recorded, not refunded again`,
            events: [refundEvent(r, 'channel')],
          },
        ];
      }
      const { refundId } = await this.payments.refund({
        refundKey: r.businessKey,
        orderKey: order?.businessKey ?? r.orderId,
        amountMinor: r.refundTotalMinor,
        currency: r.currency,
      });
      return [
        {
          to: ReturnState.REFUNDED,
          cause: `refund ${refundId} of ${r.refundTotalMinor} ${r.currency} issued`,
          patch: { refundId },
          events: [refundEvent(r, refundId)],
        },
      ];
    },
  };

  readonly close: ReturnStep = {
    name: 'close',
    invoke: async (r) => {
      const order = await this.orders.findById(r.orderId);
      if (order?.crmContactId) {
        await this.system.addCrmActivity(order.crmContactId, {
          activityKey: `return:${r.businessKey}:refunded`,
          kind: 'return-refunded',
          summary: `Return on order ${order.orderNumber ?? order.externalId}: ${r.refundTotalMinor} ${r.currency} refunded`,
          data: { returnId: r.id },
        });
      }
      return [{ to: ReturnState.CLOSED, cause: 'closed' }];
    },
  };

  stepFor(r: ReturnRecord): ReturnStep | undefined {
    switch (r.state) {
      case ReturnState.APPROVED:
        return r.autoReceipt ? this.receive : undefined;
      case ReturnState.RECEIVED:
        return this.creditNote;
      case ReturnState.CREDIT_POSTED:
        return this.refund;
      case ReturnState.REFUNDED:
        return this.close;
      case ReturnState.REQUESTED:
      case ReturnState.DECLINED:
      case ReturnState.CLOSED:
      case ReturnState.EXCEPTION:
      case ReturnState.WAITING:
        return undefined;
    }
  }
}

export function receivedChange(locationId: string, restock: { sku: string; quantity: number }[], cause: string): ReturnChange {
  const events: { type: string; data: Record<string, unknown> }[] = [
    { type: EventType.ReturnReceived, data: { locationId, restocked: restock } },
  ];
  if (restock.length > 0) events.push({ type: EventType.InventoryAdjusted, data: { locationId, restocked: restock } });
  return { to: ReturnState.RECEIVED, cause, events };
}

/** Credit lines with the tax and discount the refund paid back, taxes under the same ERP codes as the sale. */
function creditLines(lines: ReturnLine[], codes: Record<string, string>): CreditLineView[] {
  return lines.map((l) => ({
    sku: l.sku,
    quantity: l.quantity,
    amountMinor: l.refundMinor,
    ...(l.discountMinor ? { discountMinor: l.discountMinor } : {}),
    ...(l.taxes?.length ? { taxes: mapTaxes(l.taxes, codes) } : {}),
  }));
}

function refundEvent(r: ReturnRecord, refundId: string): { type: string; data: Record<string, unknown> } {
  return {
    type: EventType.RefundPosted,
    data: { refundId, amountMinor: r.refundTotalMinor, currency: r.currency, byChannel: r.refundedByChannel },
  };
}
