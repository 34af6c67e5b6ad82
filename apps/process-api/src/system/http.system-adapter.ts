import { LayerClient } from '@weft/clients';
import {
  ErpInvoiceView,
  ErpPostingsView,
  ErpSalesOrderView,
  ProductView,
  ShipmentInput,
  ShipmentView,
  StockLevelView,
  SystemPort,
} from './system.port';

/** SystemPort over system-api's HTTP contract. */
export class HttpSystemAdapter implements SystemPort {
  constructor(private readonly http: LayerClient) {}

  getProducts(skus: string[]): Promise<ProductView[]> {
    return this.http.get('/v1/erp/products', { query: { skus: skus.join(',') } });
  }

  confirmShipment(salesOrderId: string, input: ShipmentInput): Promise<ShipmentView> {
    return this.http.post(`/v1/erp/sales-orders/${encodeURIComponent(salesOrderId)}/shipments`, input);
  }

  upsertCrmContact(input: Parameters<SystemPort['upsertCrmContact']>[0]): Promise<{ contactId: string }> {
    return this.http.post('/v1/crm/contacts', input);
  }

  async addCrmActivity(contactId: string, activity: Parameters<SystemPort['addCrmActivity']>[1]): Promise<void> {
    await this.http.post(`/v1/crm/contacts/${encodeURIComponent(contactId)}/activities`, activity);
  }

  findOrCreateErpCustomer(input: Parameters<SystemPort['findOrCreateErpCustomer']>[0]): Promise<{ erpCustomerId: string }> {
    return this.http.post('/v1/erp/customers', input);
  }

  reserveStock(input: Parameters<SystemPort['reserveStock']>[0]): Promise<{ state: string }> {
    return this.http.post('/v1/erp/reservations', input);
  }

  async releaseReservation(reservationKey: string): Promise<void> {
    await this.http.post(`/v1/erp/reservations/${encodeURIComponent(reservationKey)}/release`, {});
  }

  createSalesOrder(input: Parameters<SystemPort['createSalesOrder']>[0]): Promise<ErpSalesOrderView> {
    return this.http.post('/v1/erp/sales-orders', input);
  }

  getSalesOrder(id: string): Promise<ErpSalesOrderView> {
    return this.http.get(`/v1/erp/sales-orders/${encodeURIComponent(id)}`);
  }

  findSalesOrdersByReference(externalReference: string): Promise<ErpSalesOrderView[]> {
    return this.http.get('/v1/erp/sales-orders', { query: { externalReference } });
  }

  cancelSalesOrder(id: string): Promise<ErpSalesOrderView> {
    return this.http.post(`/v1/erp/sales-orders/${encodeURIComponent(id)}/cancel`, {});
  }

  postInvoice(salesOrderId: string): Promise<ErpInvoiceView> {
    return this.http.post(`/v1/erp/sales-orders/${encodeURIComponent(salesOrderId)}/invoice`, {});
  }

  recordPayment(invoiceId: string, input: { paymentKey: string; amountMinor: number; currency: string }): Promise<ErpInvoiceView> {
    return this.http.post(`/v1/erp/invoices/${encodeURIComponent(invoiceId)}/payments`, input);
  }

  createCreditNote(input: Parameters<SystemPort['createCreditNote']>[0]): Promise<ErpInvoiceView> {
    return this.http.post('/v1/erp/credit-notes', input);
  }

  listPostings(externalReferences: string[]): Promise<ErpPostingsView[]> {
    return this.http.post('/v1/erp/postings/search', { externalReferences });
  }

  receiveReturn(input: Parameters<SystemPort['receiveReturn']>[0]): Promise<StockLevelView[]> {
    return this.http.post('/v1/erp/return-receipts', input);
  }

  getStock(skus: string[], locationId?: string): Promise<StockLevelView[]> {
    return this.http.get('/v1/erp/stock', { query: { skus: skus.join(','), locationId } });
  }
}
