import { Money } from './money';

export type Channel = 'shopify' | 'storefront' | 'partner' | 'pos';

export interface Address {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  countryCode: string;
  phone?: string;
}

export interface CustomerRef {
  /** The channel's own id, as a string exactly as sent. */
  externalId?: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  loyaltyId?: string;
}

/** A tax as the channel charged it: its own title and rate (a decimal fraction, "0.19"), and the amount. */
export interface TaxLine {
  title: string;
  /** Decimal fraction as the channel sent it ("0.0725"); null when the channel gave only an amount. */
  rate: string | null;
  amountMinor: number;
  jurisdiction?: string;
}

/** One discount's share of a line; `source` names the discount (code, title, or "order" when spread by Weft). */
export interface DiscountAllocation {
  amountMinor: number;
  source: string;
}

export interface ShippingLine {
  title: string;
  code?: string;
  /** Before shipping discounts, minor units. */
  priceMinor: number;
  discountMinor: number;
  taxLines: TaxLine[];
}

export interface OrderLine {
  lineId: string;
  sku: string;
  title?: string;
  quantity: number;
  /** Unit price before discounts, minor units. */
  unitPriceMinor: number;
  /** This line's share of discounts and tax, minor units. */
  discountMinor: number;
  taxMinor: number;
  /** The channel's own split of taxMinor, when it gave one. */
  taxLines?: TaxLine[];
  /** The channel's own split of discountMinor, when it gave one. */
  discountAllocations?: DiscountAllocation[];
}

export type FinancialStatus = 'pending' | 'authorized' | 'paid' | 'partially_paid' | 'refunded' | 'partially_refunded' | 'voided';

export interface CanonicalOrder {
  channel: Channel;
  /** Exactly as the channel sent it (Shopify's 18-digit ids are kept as strings, never numbers). */
  externalId: string;
  orderNumber?: string;
  currency: string;
  lines: OrderLine[];
  totals: { subtotalMinor: number; discountMinor: number; taxMinor: number; shippingMinor: number; totalMinor: number };
  /** Prices already include tax (EU-style): tax is then part of the line amounts, not added to them. */
  taxesIncluded?: boolean;
  shippingLines?: ShippingLine[];
  /** The channel's store (a Shopify shop domain), when it has several. */
  shop?: string;
  customer?: CustomerRef;
  shippingAddress?: Address;
  billingAddress?: Address;
  financialStatus: FinancialStatus;
  cancelled: boolean;
  /** Where stock is taken from (a store for POS sales, the web warehouse otherwise). */
  locationId: string;
  partnerId?: string;
  placedAt: string;
  /** The channel's own last-change time: a delivery older than what is stored does not overwrite it. */
  sourceUpdatedAt: string;
}

export function orderTotal(o: CanonicalOrder): Money {
  return { amountMinor: o.totals.totalMinor, currency: o.currency };
}
