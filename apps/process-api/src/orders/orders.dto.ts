import type { CanonicalOrder, OrderDto } from '@weft/retail-model';

import type { OrderRecord, OrderTransition } from './order.entity';

export {
  AddressDto,
  CustomerDto,
  OrderDto,
  OrderLineRequestDto,
  OrderQueryDto,
  PlaceOrderDto,
  PosSaleDto,
  PosSaleResultDto,
  PosSalesBatchDto,
  PosSalesResultDto,
  TenderDto,
} from '@weft/retail-model';

export function mapOrder(o: OrderRecord, timeline: OrderTransition[]): OrderDto {
  const doc = JSON.parse(o.document) as CanonicalOrder;
  return {
    id: o.id,
    channel: o.channel,
    externalId: o.externalId,
    orderNumber: o.orderNumber,
    state: o.state,
    currency: doc.currency,
    financialStatus: o.financialStatus,
    paymentCaptured: o.paymentCaptured,
    partnerId: o.partnerId,
    lines: doc.lines.map((l) => ({ ...l })),
    totals: { ...doc.totals },
    erp: { salesOrderId: o.erpSalesOrderId, orderNumber: o.erpOrderNumber, customerId: o.erpCustomerId, invoiceId: o.erpInvoiceId },
    crmContactId: o.crmContactId,
    lastError: o.lastError,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    timeline: timeline.map((t) => ({ from: t.fromState, to: t.toState, cause: t.cause, at: t.at })),
  };
}
