import {
  Address,
  CanonicalOrder,
  CustomerRef,
  DiscountAllocation,
  FinancialStatus,
  OrderLine,
  ShippingLine,
  TaxLine,
  toMinor,
} from '@weft/retail-model';
import { gidTail, idString } from './lossless-json';

export const WEB_LOCATION = 'WH-MAIN';

type Json = Record<string, unknown>;

const FINANCIAL: Record<string, FinancialStatus> = {
  pending: 'pending',
  authorized: 'authorized',
  paid: 'paid',
  partially_paid: 'partially_paid',
  refunded: 'refunded',
  partially_refunded: 'partially_refunded',
  voided: 'voided',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined;
}

function money(v: unknown, currency: string): number {
  const s = str(v);
  return s === undefined ? 0 : toMinor(s, currency);
}

function sum(list: unknown, field: string, currency: string): number {
  return Array.isArray(list) ? list.reduce((a: number, x) => a + money((x as Json)[field], currency), 0) : 0;
}

/** A Shopify tax_lines entry: `price` is the amount, `rate` a fraction sent as a JSON number (0.06). */
function taxLines(list: unknown, currency: string): TaxLine[] {
  if (!Array.isArray(list)) return [];
  return (list as Json[]).map((t) => ({
    title: str(t.title) ?? 'tax',
    rate: str(t.rate) ?? null,
    amountMinor: money(t.price, currency),
    ...(str(t.jurisdiction_id) ? { jurisdiction: str(t.jurisdiction_id) } : {}),
  }));
}

/** discount_allocations point into the order's discount_applications by index; the application names the source. */
function discountAllocations(list: unknown, applications: Json[], currency: string): DiscountAllocation[] {
  if (!Array.isArray(list)) return [];
  return (list as Json[]).map((d) => {
    const app = applications[Number(d.discount_application_index ?? -1)];
    return { amountMinor: money(d.amount, currency), source: (app && (str(app.code) ?? str(app.title))) ?? 'discount' };
  });
}

function shippingLines(list: unknown, applications: Json[], currency: string): ShippingLine[] {
  if (!Array.isArray(list)) return [];
  return (list as Json[])
    .filter((s) => s.is_removed !== true)
    .map((s) => ({
      title: str(s.title) ?? 'Shipping',
      code: str(s.code),
      priceMinor: money(s.price, currency),
      discountMinor: discountAllocations(s.discount_allocations, applications, currency).reduce((a, d) => a + d.amountMinor, 0),
      taxLines: taxLines(s.tax_lines, currency),
    }));
}

function address(a: unknown): Address | undefined {
  const x = a as Json | null;
  if (!x || !str(x.address1)) return undefined;
  const name = str(x.name) ?? ([str(x.first_name), str(x.last_name)].filter(Boolean).join(' ') || undefined);
  return {
    name,
    line1: str(x.address1)!,
    line2: str(x.address2),
    city: str(x.city) ?? '',
    region: str(x.province_code) ?? str(x.province),
    postalCode: str(x.zip),
    countryCode: str(x.country_code) ?? 'US',
    phone: str(x.phone),
  };
}

/**
 * The order's external id at Weft: `<shop domain>:<order id>`. Shopify's ids are unique within a shop,
 * so two storefronts' orders never share a business key (`shopify:<shop domain>:<order id>`).
 */
export function shopifyExternalId(shopDomain: string, orderId: string): string {
  return `${shopDomain}:${orderId}`;
}

/** The Shopify order id, exact: the gid keeps the true digits even where `id` was rounded upstream. */
export function shopifyOrderId(o: Json): string | undefined {
  return gidTail(o.admin_graphql_api_id) ?? idString(o.id);
}

function customer(o: Json): CustomerRef | undefined {
  const c = (o.customer ?? null) as Json | null;
  const email = str(o.email) ?? str(o.contact_email) ?? (c ? str(c.email) : undefined);
  if (!c && !email) return undefined;
  return {
    externalId: c ? (gidTail(c.admin_graphql_api_id) ?? idString(c.id)) : undefined,
    email,
    phone: (c ? str(c.phone) : undefined) ?? str(o.phone),
    firstName: c ? str(c.first_name) : undefined,
    lastName: c ? str(c.last_name) : undefined,
  };
}

/** orders/create|updated|paid|cancelled payload (parsed losslessly) of one shop → canonical order. */
export function mapShopifyOrder(o: Json, shop: { domain: string; defaultLocationId?: string }): CanonicalOrder {
  const orderId = shopifyOrderId(o);
  if (!orderId) throw new Error('Shopify order without an id');
  const externalId = shopifyExternalId(shop.domain, orderId);
  const currency = str(o.currency) ?? 'USD';
  const applications = Array.isArray(o.discount_applications) ? (o.discount_applications as Json[]) : [];
  const lines: OrderLine[] = (Array.isArray(o.line_items) ? (o.line_items as Json[]) : []).map((li, i) => ({
    lineId: gidTail(li.admin_graphql_api_id) ?? idString(li.id) ?? String(i + 1),
    sku: str(li.sku) ?? `variant:${idString(li.variant_id) ?? 'unknown'}`,
    title: str(li.title),
    quantity: typeof li.quantity === 'number' ? li.quantity : Number(li.quantity ?? 0),
    unitPriceMinor: money(li.price, currency),
    discountMinor: sum(li.discount_allocations, 'amount', currency) || money(li.total_discount, currency),
    taxMinor: sum(li.tax_lines, 'price', currency),
    taxLines: taxLines(li.tax_lines, currency),
    discountAllocations: discountAllocations(li.discount_allocations, applications, currency),
  }));
  const shippingSet = (o.total_shipping_price_set as Json | undefined)?.shop_money as Json | undefined;
  const status = FINANCIAL[str(o.financial_status) ?? 'pending'] ?? 'pending';
  return {
    channel: 'shopify',
    externalId,
    orderNumber: str(o.name) ?? str(o.order_number),
    currency,
    lines,
    totals: {
      subtotalMinor: money(o.subtotal_price, currency),
      discountMinor: money(o.total_discounts, currency),
      taxMinor: money(o.total_tax, currency),
      shippingMinor: money(shippingSet?.amount, currency),
      totalMinor: money(o.total_price, currency),
    },
    taxesIncluded: o.taxes_included === true,
    shippingLines: shippingLines(o.shipping_lines, applications, currency),
    customer: customer(o),
    shippingAddress: address(o.shipping_address),
    billingAddress: address(o.billing_address),
    financialStatus: status,
    cancelled: o.cancelled_at !== null && o.cancelled_at !== undefined ? true : status === 'voided',
    locationId: shop.defaultLocationId ?? WEB_LOCATION,
    placedAt: new Date(str(o.created_at) ?? Date.now()).toISOString(),
    sourceUpdatedAt: new Date(str(o.updated_at) ?? str(o.created_at) ?? Date.now()).toISOString(),
  };
}
