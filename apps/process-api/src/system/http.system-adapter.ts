import type { Client } from 'openapi-fetch';
import { bodyOf } from '@weft/clients';
import type { paths } from '../../../../openapi/client/system-api.v1';
import {
  CreditNoteInput,
  CrmActivityInput,
  CrmContactInput,
  ErpCustomerInput,
  ErpInvoiceView,
  ErpPostingsView,
  ErpSalesOrderView,
  OrderSubmissionInput,
  OrderSubmissionView,
  PaymentInput,
  ProductView,
  ReservationInput,
  ReturnReceiptInput,
  SalesOrderInput,
  ShipmentInput,
  ShipmentView,
  StockLevelView,
  SystemPort,
} from './system.port';

/** SystemPort over system-api's contract: a client generated from it, every response checked against it. */
export class HttpSystemAdapter implements SystemPort {
  constructor(private readonly api: Client<paths>) {}

  getProducts(skus: string[]): Promise<ProductView[]> {
    return bodyOf(this.api.GET('/v1/erp/products', { params: { query: { skus: skus.join(',') } } }));
  }

  submitOrder(input: OrderSubmissionInput): Promise<OrderSubmissionView> {
    return bodyOf(this.api.POST('/v1/order-submissions', { body: input }));
  }

  confirmShipment(salesOrderId: string, input: ShipmentInput): Promise<ShipmentView> {
    return bodyOf(this.api.POST('/v1/erp/sales-orders/{id}/shipments', { params: { path: { id: salesOrderId } }, body: input }));
  }

  upsertCrmContact(input: CrmContactInput): ReturnType<SystemPort['upsertCrmContact']> {
    return bodyOf(this.api.POST('/v1/crm/contacts', { body: input }));
  }

  async addCrmActivity(contactId: string, activity: CrmActivityInput): Promise<void> {
    await bodyOf(this.api.POST('/v1/crm/contacts/{id}/activities', { params: { path: { id: contactId } }, body: activity }));
  }

  findOrCreateErpCustomer(input: ErpCustomerInput): ReturnType<SystemPort['findOrCreateErpCustomer']> {
    return bodyOf(this.api.POST('/v1/erp/customers', { body: input }));
  }

  reserveStock(input: ReservationInput): ReturnType<SystemPort['reserveStock']> {
    return bodyOf(this.api.POST('/v1/erp/reservations', { body: input }));
  }

  async releaseReservation(reservationKey: string): Promise<void> {
    // The contract answers null when no reservation has this key: nothing to release, as the caller wants.
    await this.api.POST('/v1/erp/reservations/{key}/release', { params: { path: { key: reservationKey } } });
  }

  createSalesOrder(input: SalesOrderInput): Promise<ErpSalesOrderView> {
    return bodyOf(this.api.POST('/v1/erp/sales-orders', { body: input }));
  }

  getSalesOrder(id: string): Promise<ErpSalesOrderView> {
    return bodyOf(this.api.GET('/v1/erp/sales-orders/{id}', { params: { path: { id } } }));
  }

  findSalesOrdersByReference(externalReference: string): Promise<ErpSalesOrderView[]> {
    return bodyOf(this.api.GET('/v1/erp/sales-orders', { params: { query: { externalReference } } }));
  }

  cancelSalesOrder(id: string): Promise<ErpSalesOrderView> {
    return bodyOf(this.api.POST('/v1/erp/sales-orders/{id}/cancel', { params: { path: { id } } }));
  }

  postInvoice(salesOrderId: string): Promise<ErpInvoiceView> {
    return bodyOf(this.api.POST('/v1/erp/sales-orders/{id}/invoice', { params: { path: { id: salesOrderId } } }));
  }

  recordPayment(invoiceId: string, input: PaymentInput): Promise<ErpInvoiceView> {
    return bodyOf(this.api.POST('/v1/erp/invoices/{id}/payments', { params: { path: { id: invoiceId } }, body: input }));
  }

  createCreditNote(input: CreditNoteInput): Promise<ErpInvoiceView> {
    return bodyOf(this.api.POST('/v1/erp/credit-notes', { body: input }));
  }

  listPostings(externalReferences: string[]): Promise<ErpPostingsView[]> {
    return bodyOf(this.api.POST('/v1/erp/postings/search', { body: { externalReferences } }));
  }

  receiveReturn(input: ReturnReceiptInput): Promise<StockLevelView[]> {
    return bodyOf(this.api.POST('/v1/erp/return-receipts', { body: input }));
  }

  getStock(skus: string[], locationId?: string): Promise<StockLevelView[]> {
    return bodyOf(this.api.GET('/v1/erp/stock', { params: { query: { skus: skus.join(','), locationId } } }));
  }
}
