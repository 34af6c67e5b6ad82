import { Address, CanonicalOrder } from '@weft/retail-model';
import { toErpPosting } from '../finance/erp-posting.mapper';
import {
  AddressView,
  CrmActivityInput,
  CrmContactInput,
  ErpCustomerInput,
  OrderSubmissionInput,
  ReservationInput,
  SalesOrderInput,
} from '../system/system.port';
import { customerKey, customerName } from '../workflow/customer-key';
import { OrderRecord } from './order.entity';

/** What the ERP and CRM are told about one order, built from the order alone: the steps stay pure of mapping. */

export function erpAddress(a: Address | undefined): AddressView | undefined {
  return a
    ? { name: a.name, line1: a.line1, line2: a.line2, city: a.city, region: a.region, postalCode: a.postalCode, countryCode: a.countryCode }
    : undefined;
}

/** A CRM contact only for a customer who can be reached (e-mail or phone). */
export function crmContactFor(doc: CanonicalOrder): CrmContactInput | undefined {
  const c = doc.customer;
  if (!c?.email && !c?.phone) return undefined;
  return {
    customerKey: customerKey(doc),
    email: c.email,
    phone: c.phone,
    firstName: c.firstName,
    lastName: c.lastName,
    source: doc.channel,
  };
}

export function erpCustomerFor(doc: CanonicalOrder): ErpCustomerInput {
  const c = doc.customer;
  return {
    customerKey: customerKey(doc),
    name: customerName(doc),
    email: c?.email,
    phone: c?.phone,
    address: erpAddress(doc.billingAddress ?? doc.shippingAddress),
  };
}

export function placedActivity(order: OrderRecord, doc: CanonicalOrder): CrmActivityInput {
  return {
    activityKey: `order:${order.businessKey}:placed`,
    kind: 'order-placed',
    summary: `Order ${doc.orderNumber ?? doc.externalId} placed on ${doc.channel}`,
    data: { orderId: order.id, totalMinor: doc.totals.totalMinor, currency: doc.currency },
  };
}

/** The hold is keyed on the order's business key: reserving twice holds once. */
export function reservationFor(order: OrderRecord, doc: CanonicalOrder): ReservationInput {
  return {
    reservationKey: order.businessKey,
    locationId: doc.locationId,
    lines: doc.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
  };
}

export function salesOrderFor(
  order: OrderRecord,
  doc: CanonicalOrder,
  taxCodes: Record<string, string>,
): Omit<SalesOrderInput, 'erpCustomerId'> {
  const { lines, shipping } = toErpPosting(doc, taxCodes);
  return {
    externalReference: order.businessKey,
    currency: doc.currency,
    channel: doc.channel,
    locationId: doc.locationId,
    shippingAddress: erpAddress(doc.shippingAddress),
    lines,
    shipping,
    taxesIncluded: doc.taxesIncluded === true,
  };
}

/** The whole way into the ERP in one request (system-api's order submission). */
export function orderSubmissionFor(order: OrderRecord, doc: CanonicalOrder, taxCodes: Record<string, string>): OrderSubmissionInput {
  const contact = crmContactFor(doc);
  return {
    customer: erpCustomerFor(doc),
    contact,
    activity: contact ? placedActivity(order, doc) : undefined,
    reservation: reservationFor(order, doc),
    salesOrder: salesOrderFor(order, doc, taxCodes),
    // A till sale has already handed the goods over: a shortfall is the ERP's stock discrepancy to fix.
    postWithoutStock: doc.channel === 'pos',
  };
}
