/**
 * What process-api needs from an ERP, shaped so that the reference ERP and Tryton (JSON-RPC) both fit
 * without the workflow knowing which one answers. Every write is idempotent on a business key.
 */
export const ERP_PORT = Symbol('ERP_PORT');

export interface ErpAddress {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  countryCode: string;
}

export interface ErpCustomerInput {
  /** Weft's key for this customer (golden record id, or channel:id); the ERP keeps it as a code. */
  customerKey: string;
  name: string;
  email?: string;
  phone?: string;
  address?: ErpAddress;
}

export interface ErpCustomer {
  erpCustomerId: string;
  customerKey: string;
  created: boolean;
}

/** A channel tax already mapped to the ERP's tax code (ERP_TAX_CODES), with the channel's own amount. */
export interface ErpTaxInput {
  code: string;
  title: string;
  rate: string | null;
  amountMinor: number;
  jurisdiction?: string;
}

export interface ErpDiscountInput {
  amountMinor: number;
  source: string;
}

export interface ErpLineInput {
  sku: string;
  quantity: number;
  /** Gross unit price before discounts, in minor units of the order currency. */
  unitPriceMinor: number;
  description?: string;
  /** This line's discount allocations; they sum to the line's whole discount. */
  discounts?: ErpDiscountInput[];
  taxes?: ErpTaxInput[];
}

export interface ErpShippingInput {
  title: string;
  code?: string;
  priceMinor: number;
  discountMinor: number;
  taxes: ErpTaxInput[];
}

export interface ErpSalesOrderInput {
  /** The order's business id in Weft (e.g. "shopify:820982911946154508"): unique per ERP sales order. */
  externalReference: string;
  erpCustomerId: string;
  currency: string;
  lines: ErpLineInput[];
  shippingAddress?: ErpAddress;
  locationId?: string;
  channel: string;
  /** The reservation holding this order's stock; consumed when the goods ship. */
  reservationKey?: string;
  /** Prices include tax: tax amounts are inside line and shipping amounts, not added to them. */
  taxesIncluded?: boolean;
  shipping?: ErpShippingInput[];
}

export type ErpOrderState = 'draft' | 'confirmed' | 'processing' | 'done' | 'cancelled';

export interface ErpShipment {
  shipmentId: string;
  state: 'waiting' | 'assigned' | 'picked' | 'packed' | 'done' | 'cancelled';
  lines: { sku: string; quantity: number }[];
  carrier?: string;
  trackingNumber?: string;
}

export interface ErpInvoice {
  invoiceId: string;
  number?: string;
  state: 'draft' | 'posted' | 'paid' | 'cancelled';
  totalMinor: number;
  currency: string;
  kind: 'invoice' | 'credit-note';
  /** Of totalMinor, the tax; and the discounts the document carries. */
  taxMinor?: number;
  discountMinor?: number;
  paidMinor?: number;
}

/** What the ERP posted for one sales order: its documents and the payments recorded on them. */
export interface ErpPostings {
  externalReference: string;
  salesOrderId: string;
  currency: string;
  invoices: ErpInvoice[];
  payments: { paymentKey: string; invoiceId: string; amountMinor: number }[];
}

export interface ErpSalesOrder {
  id: string;
  number?: string;
  externalReference: string;
  state: ErpOrderState;
  currency: string;
  totalMinor: number;
  lines: { sku: string; quantity: number; shippedQuantity: number }[];
  shipments: ErpShipment[];
  invoices: ErpInvoice[];
}

export interface ErpStockLevel {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
}

export interface ErpReservationInput {
  /** Idempotency key: reserving twice under one key reserves once. */
  reservationKey: string;
  locationId?: string;
  lines: { sku: string; quantity: number }[];
}

/** Listed once, in this order, so the contract's enum does not depend on how the compiler orders a union. */
export const RESERVATION_STATES = ['held', 'released', 'consumed', 'expired'] as const;

export interface ErpReservation {
  reservationKey: string;
  state: (typeof RESERVATION_STATES)[number];
  lines: { sku: string; quantity: number; locationId: string }[];
}

export interface ErpShipmentInput {
  /** Idempotency key of the warehouse's confirmation (its shipment id). */
  shipmentKey: string;
  /** Omitted: ship everything still open. */
  lines?: { sku: string; quantity: number }[];
  carrier?: string;
  trackingNumber?: string;
}

export interface ErpCreditNoteInput {
  /** The return's business id: one credit note per key. */
  creditKey: string;
  salesOrderId: string;
  /** amountMinor: what is credited for the line, tax included; discountMinor and taxes: its share of each. */
  lines: { sku: string; quantity: number; amountMinor: number; discountMinor?: number; taxes?: ErpTaxInput[] }[];
  currency: string;
}

export interface ErpReturnReceiptInput {
  receiptKey: string;
  locationId: string;
  lines: { sku: string; quantity: number }[];
}

export interface ErpProduct {
  sku: string;
  name: string;
  listPriceMinor: number;
  currency: string;
}

/** A sales order the ERP cancelled, as its cancellation feed reports it. */
export interface ErpCancelledSalesOrder {
  salesOrderId: string;
  number?: string;
  externalReference: string;
  /** When the ERP cancelled it (ISO 8601); the feed's watermark moves along this. */
  cancelledAt: string;
}

export interface ErpPort {
  readonly name: string;
  /** Catalogue lookup (list price, name) for the given SKUs; unknown SKUs are simply absent. */
  getProducts(skus: string[]): Promise<ErpProduct[]>;
  findOrCreateCustomer(input: ErpCustomerInput): Promise<ErpCustomer>;
  /** Creates and confirms the sales order; a second call with the same externalReference returns the first. */
  createSalesOrder(input: ErpSalesOrderInput): Promise<ErpSalesOrder>;
  findSalesOrderByReference(externalReference: string): Promise<ErpSalesOrder | null>;
  getSalesOrder(id: string): Promise<ErpSalesOrder>;
  cancelSalesOrder(id: string): Promise<ErpSalesOrder>;
  /**
   * Sales orders cancelled at or after `since` (ISO 8601), oldest first, at most `limit`: whoever
   * cancelled them (the ERP's users, or Weft through cancelSalesOrder). Only those with an external
   * reference, since only those are Weft's.
   */
  listCancelledSalesOrders(since: string, limit: number): Promise<ErpCancelledSalesOrder[]>;
  getStock(skus: string[], locationId?: string): Promise<ErpStockLevel[]>;
  reserveStock(input: ErpReservationInput): Promise<ErpReservation>;
  releaseReservation(reservationKey: string): Promise<ErpReservation | null>;
  /** Warehouse confirmation: the shipment is done (assign, pick, pack, done on a real ERP). */
  confirmShipment(salesOrderId: string, input: ErpShipmentInput): Promise<ErpShipment>;
  postInvoice(salesOrderId: string): Promise<ErpInvoice>;
  recordPayment(invoiceId: string, amountMinor: number, currency: string, paymentKey: string): Promise<ErpInvoice>;
  createCreditNote(input: ErpCreditNoteInput): Promise<ErpInvoice>;
  receiveReturn(input: ErpReturnReceiptInput): Promise<ErpStockLevel[]>;
  /** Reconciliation read: the posted documents and payments of these sales orders (by external reference). */
  listPostings(externalReferences: string[]): Promise<ErpPostings[]>;
}
