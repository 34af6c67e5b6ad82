import { randomUUID } from 'node:crypto';
import { OrderChannel, OrderDto, PlaceOrderDto } from '@weft/retail-model';
import { ProcessClient } from '../../apps/experience-api/src/orders/process.client';

function order(id: string, externalId: string): OrderDto {
  const now = '2026-01-01T00:00:00.000Z';
  return {
    id,
    channel: 'storefront',
    externalId,
    orderNumber: null,
    state: 'ACCEPTED_BY_ERP',
    currency: 'USD',
    financialStatus: 'paid',
    paymentCaptured: true,
    partnerId: null,
    lines: [],
    totals: { subtotalMinor: 8999, discountMinor: 0, taxMinor: 0, shippingMinor: 0, totalMinor: 8999 },
    erp: { salesOrderId: 'SO-1', orderNumber: 'SO-1', customerId: 'C-1', invoiceId: null },
    crmContactId: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    timeline: [],
  };
}

/**
 * process-api answered from memory, so the policy figures are the edge's own cost: the controller,
 * pipes, service and everything in front of them are the real ones; only the HTTP hop below is not.
 */
export class StubProcessClient extends ProcessClient {
  constructor() {
    super(null as never);
  }

  override placeOrder(body: PlaceOrderDto): Promise<OrderDto> {
    return Promise.resolve(order(randomUUID(), body.externalId ?? ''));
  }

  override getOrder(id: string): Promise<OrderDto> {
    return Promise.resolve(order(id, 'bench-1'));
  }

  override findOrders(_source: OrderChannel, externalId: string): Promise<OrderDto[]> {
    return Promise.resolve([order(randomUUID(), externalId)]);
  }
}
