import { buildPosting, CanonicalOrder, VarianceDocumentDto, VarianceType } from '@weft/retail-model';
import { OrderState } from '../orders/order-state';
import { ReturnLine } from '../returns/return.entity';
import { ReturnState } from '../returns/return-state';
import { ErpInvoiceView, ErpPostingsView } from '../system/system.port';

export interface VarianceDraft {
  type: VarianceType;
  weftAmountMinor: number;
  erpAmountMinor: number;
  weftDocuments: VarianceDocumentDto[];
  erpDocuments: VarianceDocumentDto[];
  detail: string;
}

export interface OrderFacts {
  id: string;
  businessKey: string;
  state: OrderState;
  paymentCaptured: boolean;
  erpSalesOrderId: string | null;
  erpInvoiceId: string | null;
  doc: CanonicalOrder;
}

export interface ReturnFacts {
  id: string;
  businessKey: string;
  state: ReturnState;
  refundTotalMinor: number;
  refundedByChannel: boolean;
  erpCreditNoteId: string | null;
  refundId: string | null;
  lines: ReturnLine[];
  /** The order's ERP sales order, if it ever reached the ERP. */
  orderSalesOrderId: string | null;
}

/** What the order's shop recorded (Admin API transactions), where the shop is configured. */
export interface ShopifyPayments {
  captures: { id: string; amountMinor: number }[];
  refunds: { id: string; amountMinor: number }[];
  /** What Weft's own returns of the order refunded: those are reconciled as returns. */
  weftRefundedMinor: number;
}

/** Orders the ERP must know (a sales order exists), and those it must have invoiced. */
const IN_ERP = new Set<OrderState>([
  OrderState.SUBMITTED,
  OrderState.ACCEPTED_BY_ERP,
  OrderState.PARTIALLY_FULFILLED,
  OrderState.FULFILLED,
  OrderState.INVOICED,
  OrderState.COMPLETED,
]);
const INVOICED = new Set<OrderState>([OrderState.INVOICED, OrderState.COMPLETED]);
/** Returns whose money has moved (or been promised) and must therefore be credited in the ERP. */
export const CREDITED = new Set<ReturnState>([ReturnState.CREDIT_POSTED, ReturnState.REFUNDED, ReturnState.CLOSED]);

const sum = <T>(xs: T[], f: (x: T) => number): number => xs.reduce((a, x) => a + f(x), 0);
const doc = (kind: string, id: string, amountMinor?: number): VarianceDocumentDto => ({
  kind,
  id,
  ...(amountMinor === undefined ? {} : { amountMinor }),
});
const invoiceDoc = (i: ErpInvoiceView): VarianceDocumentDto => doc(i.kind ?? 'invoice', i.invoiceId, i.totalMinor);
const live = (i: ErpInvoiceView): boolean => i.state !== 'cancelled' && i.state !== 'draft';

/**
 * One order against what the ERP posted for it. At most one variance of each type, and for the invoice
 * itself the first cause only (tax, then discount, then total), so one fault is reported once.
 */
export function orderVariances(o: OrderFacts, erp: ErpPostingsView | undefined, shop?: ShopifyPayments): VarianceDraft[] {
  if (!IN_ERP.has(o.state) && !(erp && erp.invoices.some(live))) return [];
  const expected = buildPosting(o.doc);
  const weftOrder = [doc('order', o.businessKey, o.doc.totals.totalMinor)];
  if (!erp) {
    return [
      {
        type: 'MISSING_IN_ERP',
        weftAmountMinor: o.doc.totals.totalMinor,
        erpAmountMinor: 0,
        weftDocuments: weftOrder,
        erpDocuments: o.erpSalesOrderId ? [doc('sales-order', o.erpSalesOrderId)] : [],
        detail: `No ERP sales order with reference ${o.businessKey}`,
      },
    ];
  }
  const invoices = erp.invoices.filter((i) => (i.kind ?? 'invoice') === 'invoice' && live(i));
  const out: VarianceDraft[] = [];
  if (invoices.length === 0) {
    if (INVOICED.has(o.state)) {
      out.push({
        type: 'MISSING_IN_ERP',
        weftAmountMinor: o.doc.totals.totalMinor,
        erpAmountMinor: 0,
        weftDocuments: weftOrder,
        erpDocuments: [doc('sales-order', erp.salesOrderId)],
        detail: `Order is ${o.state} but sales order ${erp.salesOrderId} has no posted invoice`,
      });
    }
    return out;
  }
  if (invoices.length > 1) {
    out.push({
      type: 'DUPLICATE_POSTING',
      weftAmountMinor: o.doc.totals.totalMinor,
      erpAmountMinor: sum(invoices, (i) => i.totalMinor),
      weftDocuments: weftOrder,
      erpDocuments: invoices.map(invoiceDoc),
      detail: `${invoices.length} invoices posted for one order`,
    });
  }
  const inv = invoices.find((i) => i.invoiceId === o.erpInvoiceId) ?? invoices[0];
  const compare: [VarianceType, number, number | undefined, string][] = [
    ['TAX_MISMATCH', expected.taxMinor, inv.taxMinor, 'tax'],
    ['DISCOUNT_MISMATCH', expected.discountMinor, inv.discountMinor, 'discount'],
    ['AMOUNT_MISMATCH', o.doc.totals.totalMinor, inv.totalMinor, 'total'],
  ];
  // An ERP that does not report discounts (undefined) is compared on tax and total only.
  const first = compare.find(([, weft, posted]) => posted !== undefined && posted !== weft);
  if (first) {
    const [type, weft, posted, what] = first;
    out.push({
      type,
      weftAmountMinor: weft,
      erpAmountMinor: posted!,
      weftDocuments: weftOrder,
      erpDocuments: [invoiceDoc(inv)],
      detail: `Invoice ${inv.invoiceId} ${what} ${posted}, the channel's ${weft}`,
    });
  }
  // The shop's own record of what it captured, where it can be read; else Weft's: the order total, once captured.
  const captured = shop ? sum(shop.captures, (c) => c.amountMinor) : o.paymentCaptured ? o.doc.totals.totalMinor : 0;
  if (captured > 0 && o.state === OrderState.COMPLETED) {
    const invoiceIds = new Set(invoices.map((i) => i.invoiceId));
    const payments = erp.payments.filter((p) => invoiceIds.has(p.invoiceId));
    const paid = sum(payments, (p) => p.amountMinor);
    if (paid < captured) {
      out.push({
        type: 'PAYMENT_NOT_RECORDED',
        weftAmountMinor: captured,
        erpAmountMinor: paid,
        weftDocuments: shop
          ? shop.captures.map((c) => doc('shopify-transaction', c.id, c.amountMinor))
          : [doc('payment', `${o.businessKey}:payment`, captured)],
        erpDocuments: payments.map((p) => doc('payment', p.paymentKey || p.invoiceId, p.amountMinor)),
        detail: `Captured ${captured}, the ERP has ${paid} recorded on ${[...invoiceIds].join(', ')}`,
      });
    }
  }
  return out;
}

/**
 * Refunds the shop made (its REFUND transactions) against the ERP's credit notes for the order. Refunds
 * Weft knows of are reconciled as returns; only what the shop refunded beyond both is reported here
 * (a refund made in the Shopify admin whose webhook never came, say), once per order.
 */
export function shopifyRefundVariances(
  o: OrderFacts,
  erp: ErpPostingsView | undefined,
  shop: ShopifyPayments | undefined,
): VarianceDraft[] {
  if (!shop || !erp) return [];
  const refunded = sum(shop.refunds, (r) => r.amountMinor);
  const notes = erp.invoices.filter((i) => i.kind === 'credit-note' && live(i));
  const credited = sum(notes, (n) => n.totalMinor);
  if (refunded <= Math.max(credited, shop.weftRefundedMinor)) return [];
  return [
    {
      type: 'REFUND_NOT_CREDITED',
      weftAmountMinor: refunded,
      erpAmountMinor: credited,
      weftDocuments: shop.refunds.map((r) => doc('shopify-transaction', r.id, r.amountMinor)),
      erpDocuments: notes.map(invoiceDoc),
      detail: `The shop refunded ${refunded} on ${o.businessKey}, the ERP credited ${credited}`,
    },
  ];
}

/** One return (RMA, channel refund, till return) against the ERP's credit notes. */
export function returnVariances(r: ReturnFacts, erp: ErpPostingsView | undefined): VarianceDraft[] {
  if (!CREDITED.has(r.state) || !r.orderSalesOrderId) return [];
  const weft = [doc('return', r.businessKey, r.refundTotalMinor), ...(r.refundId ? [doc('refund', r.refundId, r.refundTotalMinor)] : [])];
  const note = erp?.invoices.find((i) => i.invoiceId === r.erpCreditNoteId && i.kind === 'credit-note' && live(i));
  if (!note) {
    return [
      {
        type: 'REFUND_NOT_CREDITED',
        weftAmountMinor: r.refundTotalMinor,
        erpAmountMinor: 0,
        weftDocuments: weft,
        erpDocuments: r.erpCreditNoteId ? [doc('credit-note', r.erpCreditNoteId)] : [],
        detail: r.erpCreditNoteId
          ? `Credit note ${r.erpCreditNoteId} is not in the ERP`
          : `${r.refundedByChannel ? 'Channel refund' : 'Refund'} has no ERP credit note`,
      },
    ];
  }
  const tax = sum(r.lines, (l) => sum(l.taxes ?? [], (t) => t.amountMinor));
  if (note.taxMinor !== undefined && note.taxMinor !== tax) {
    return [
      {
        type: 'TAX_MISMATCH',
        weftAmountMinor: tax,
        erpAmountMinor: note.taxMinor,
        weftDocuments: weft,
        erpDocuments: [invoiceDoc(note)],
        detail: `Credit note ${note.invoiceId} tax ${note.taxMinor}, the refund's ${tax}`,
      },
    ];
  }
  if (note.totalMinor !== r.refundTotalMinor) {
    return [
      {
        type: 'AMOUNT_MISMATCH',
        weftAmountMinor: r.refundTotalMinor,
        erpAmountMinor: note.totalMinor,
        weftDocuments: weft,
        erpDocuments: [invoiceDoc(note)],
        detail: `Credit note ${note.invoiceId} credits ${note.totalMinor}, the refund paid back ${r.refundTotalMinor}`,
      },
    ];
  }
  return [];
}
