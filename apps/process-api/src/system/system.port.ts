import type { components } from '../../../../openapi/client/system-api.v1';

/**
 * What the workflow needs from system-api (ERP and CRM behind it). The types are system-api's contract
 * (openapi/system-api.v1.json, generated into openapi/client by `npm run openapi`): process-api never
 * imports another app's code, and a response that does not match the contract is refused at run time.
 */
export const SYSTEM_PORT = Symbol('SYSTEM_PORT');

type Schemas = components['schemas'];

export type SkuQuantity = Schemas['SkuQuantityDto'];
export type ErpSalesOrderView = Schemas['ErpSalesOrderDto'];
export type ErpInvoiceView = Schemas['ErpInvoiceDto'];
/** A channel tax mapped to the ERP's code, with the channel's own title, rate and amount. */
export type TaxView = Schemas['ErpTaxDto'];
/** What process-api sends always carries its discounts and taxes (the contract lets other callers leave them out). */
export type SalesLineView = Schemas['ErpLineDto'] & Required<Pick<Schemas['ErpLineDto'], 'discounts' | 'taxes'>>;
export type ShippingView = Schemas['ErpShippingDto'];
export type CreditLineView = Schemas['ErpCreditLineDto'];
export type ErpPostingsView = Schemas['ErpPostingsDto'];
export type StockLevelView = Schemas['ErpStockLevelDto'];
export type AddressView = Schemas['ErpAddressDto'];
export type ShipmentView = Schemas['ErpShipmentDto'];
export type ShipmentInput = Schemas['ErpShipmentRequestDto'];
export type ProductView = Schemas['ErpProductDto'];
export type CrmContactInput = Schemas['CrmContactRequestDto'];
export type CrmActivityInput = Schemas['CrmActivityRequestDto'];
export type ErpCustomerInput = Schemas['ErpCustomerRequestDto'];
export type ReservationInput = Schemas['ErpReservationRequestDto'];
export type SalesOrderInput = Schemas['ErpSalesOrderRequestDto'];
export type PaymentInput = Schemas['ErpPaymentRequestDto'];
export type CreditNoteInput = Schemas['ErpCreditNoteRequestDto'];
export type ReturnReceiptInput = Schemas['ErpReturnReceiptRequestDto'];
export type OrderSubmissionInput = Schemas['OrderSubmissionRequestDto'];
export type OrderSubmissionView = Schemas['OrderSubmissionDto'];

export interface SystemPort {
  getProducts(skus: string[]): Promise<ProductView[]>;
  /** Customer, CRM activity, stock hold and ERP sales order for one order, in one round trip. */
  submitOrder(input: OrderSubmissionInput): Promise<OrderSubmissionView>;
  confirmShipment(salesOrderId: string, input: ShipmentInput): Promise<ShipmentView>;
  upsertCrmContact(input: CrmContactInput): Promise<Schemas['CrmContactDto']>;
  addCrmActivity(contactId: string, activity: CrmActivityInput): Promise<void>;
  findOrCreateErpCustomer(input: ErpCustomerInput): Promise<Schemas['ErpCustomerDto']>;
  reserveStock(input: ReservationInput): Promise<Schemas['ErpReservationDto']>;
  releaseReservation(reservationKey: string): Promise<void>;
  createSalesOrder(input: SalesOrderInput): Promise<ErpSalesOrderView>;
  getSalesOrder(id: string): Promise<ErpSalesOrderView>;
  findSalesOrdersByReference(externalReference: string): Promise<ErpSalesOrderView[]>;
  cancelSalesOrder(id: string): Promise<ErpSalesOrderView>;
  postInvoice(salesOrderId: string): Promise<ErpInvoiceView>;
  recordPayment(invoiceId: string, input: PaymentInput): Promise<ErpInvoiceView>;
  getStock(skus: string[], locationId?: string): Promise<StockLevelView[]>;
  createCreditNote(input: CreditNoteInput): Promise<ErpInvoiceView>;
  receiveReturn(input: ReturnReceiptInput): Promise<StockLevelView[]>;
  /** Reconciliation: what the ERP posted for these sales orders (at most 500 references). */
  listPostings(externalReferences: string[]): Promise<ErpPostingsView[]>;
}
