/**
 * What the workflow needs from system-api (ERP and CRM behind it). Types are this layer's own view of
 * system-api's contract; process-api never imports another app's code.
 */
export const SYSTEM_PORT = Symbol('SYSTEM_PORT');

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

export interface ErpSalesOrderView {
  id: string;
  number?: string;
  externalReference: string;
  state: string;
  totalMinor: number;
  currency: string;
  lines: { sku: string; quantity: number; shippedQuantity: number }[];
  invoices: { invoiceId: string; state: string; totalMinor: number; kind: string }[];
}

export interface ErpInvoiceView {
  invoiceId: string;
  state: string;
  totalMinor: number;
  currency: string;
  kind?: string;
  taxMinor?: number;
  discountMinor?: number;
  paidMinor?: number;
}

/** A channel tax mapped to the ERP's code, with the channel's own title, rate and amount. */
export interface TaxView {
  code: string;
  title: string;
  rate: string | null;
  amountMinor: number;
  jurisdiction?: string;
}

export interface SalesLineView {
  sku: string;
  quantity: number;
  /** Gross unit price, before discounts. */
  unitPriceMinor: number;
  description?: string;
  discounts: { amountMinor: number; source: string }[];
  taxes: TaxView[];
}

export interface ShippingView {
  title: string;
  code?: string;
  priceMinor: number;
  discountMinor: number;
  taxes: TaxView[];
}

export interface CreditLineView {
  sku: string;
  quantity: number;
  amountMinor: number;
  discountMinor?: number;
  taxes?: TaxView[];
}

export interface ErpPostingsView {
  externalReference: string;
  salesOrderId: string;
  currency: string;
  invoices: ErpInvoiceView[];
  payments: { paymentKey: string; invoiceId: string; amountMinor: number }[];
}

export interface StockLevelView {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
}

export interface AddressView {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  countryCode: string;
}

export interface ShipmentView {
  shipmentId: string;
  state: string;
  lines: SkuQuantity[];
  carrier?: string;
  trackingNumber?: string;
}

export interface ShipmentInput {
  shipmentKey: string;
  lines?: SkuQuantity[];
  carrier?: string;
  trackingNumber?: string;
}

export interface ProductView {
  sku: string;
  name: string;
  listPriceMinor: number;
  currency: string;
}

export interface SystemPort {
  getProducts(skus: string[]): Promise<ProductView[]>;
  confirmShipment(salesOrderId: string, input: ShipmentInput): Promise<ShipmentView>;
  upsertCrmContact(input: {
    customerKey: string;
    email?: string;
    phone?: string;
    firstName?: string;
    lastName?: string;
    source: string;
  }): Promise<{ contactId: string }>;
  addCrmActivity(
    contactId: string,
    activity: { activityKey: string; kind: string; summary: string; data?: Record<string, unknown> },
  ): Promise<void>;
  findOrCreateErpCustomer(input: {
    customerKey: string;
    name: string;
    email?: string;
    phone?: string;
    address?: AddressView;
  }): Promise<{ erpCustomerId: string }>;
  reserveStock(input: { reservationKey: string; locationId?: string; lines: SkuQuantity[] }): Promise<{ state: string }>;
  releaseReservation(reservationKey: string): Promise<void>;
  createSalesOrder(input: {
    externalReference: string;
    erpCustomerId: string;
    currency: string;
    channel: string;
    locationId?: string;
    reservationKey?: string;
    lines: SalesLineView[];
    shippingAddress?: AddressView;
    taxesIncluded?: boolean;
    shipping?: ShippingView[];
  }): Promise<ErpSalesOrderView>;
  getSalesOrder(id: string): Promise<ErpSalesOrderView>;
  findSalesOrdersByReference(externalReference: string): Promise<ErpSalesOrderView[]>;
  cancelSalesOrder(id: string): Promise<ErpSalesOrderView>;
  postInvoice(salesOrderId: string): Promise<ErpInvoiceView>;
  recordPayment(invoiceId: string, input: { paymentKey: string; amountMinor: number; currency: string }): Promise<ErpInvoiceView>;
  getStock(skus: string[], locationId?: string): Promise<StockLevelView[]>;
  createCreditNote(input: { creditKey: string; salesOrderId: string; currency: string; lines: CreditLineView[] }): Promise<ErpInvoiceView>;
  receiveReturn(input: { receiptKey: string; locationId: string; lines: SkuQuantity[] }): Promise<StockLevelView[]>;
  /** Reconciliation: what the ERP posted for these sales orders (at most 500 references). */
  listPostings(externalReferences: string[]): Promise<ErpPostingsView[]>;
}
