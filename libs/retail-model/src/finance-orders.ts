import { CanonicalOrder, OrderLine } from './order';

/**
 * Orders whose money is hard to get exactly right, shared by unit tests, e2e suites and the Tryton
 * suite: an order-level discount over several lines, a tax-inclusive EU order, JPY (no decimals) and
 * KWD (three). Amounts are what a channel would send; each case's total is the channel's.
 */
function order(currency: string, lines: OrderLine[], extra: Partial<CanonicalOrder>, totalMinor: number): CanonicalOrder {
  const gross = lines.reduce((a, l) => a + l.unitPriceMinor * l.quantity, 0);
  const discount = extra.totals?.discountMinor ?? lines.reduce((a, l) => a + l.discountMinor, 0);
  const tax =
    lines.reduce((a, l) => a + l.taxMinor, 0) +
    (extra.shippingLines ?? []).reduce((a, s) => a + s.taxLines.reduce((b, t) => b + t.amountMinor, 0), 0);
  const shipping = (extra.shippingLines ?? []).reduce((a, s) => a + s.priceMinor, 0);
  return {
    channel: 'shopify',
    externalId: 'finance-case',
    currency,
    lines,
    financialStatus: 'paid',
    cancelled: false,
    locationId: 'WH-MAIN',
    placedAt: '2026-11-30T10:00:00.000Z',
    sourceUpdatedAt: '2026-11-30T10:00:00.000Z',
    ...extra,
    totals: { subtotalMinor: gross - discount, discountMinor: discount, taxMinor: tax, shippingMinor: shipping, totalMinor },
  };
}

const line = (
  lineId: string,
  sku: string,
  quantity: number,
  unitPriceMinor: number,
  taxes: [string, string, number][] = [],
): OrderLine => ({
  lineId,
  sku,
  quantity,
  unitPriceMinor,
  discountMinor: 0,
  taxMinor: taxes.reduce((a, t) => a + t[2], 0),
  taxLines: taxes.map(([title, rate, amountMinor]) => ({ title, rate, amountMinor })),
});

/**
 * 3 lines, an unallocated 10.00 order discount (spread 1:2:… over 89.99, 2×24.99, 3×25.00 → 4.17 +
 * 2.32 + 3.51 by largest remainder), US tax on the discounted amounts, shipping 5.00 taxed.
 */
export const ORDER_LEVEL_DISCOUNT_USD = order(
  'USD',
  [
    line('1', 'SKU2006-001', 1, 8999, [['NY State Tax', '0.04', 343]]),
    line('2', 'CASE-LEATHER-PREM', 2, 2499, [['NY State Tax', '0.04', 191]]),
    line('3', 'WEFT-TEE-BLK-M', 3, 2500, [['NY State Tax', '0.04', 286]]),
  ],
  {
    totals: { subtotalMinor: 0, discountMinor: 1000, taxMinor: 0, shippingMinor: 0, totalMinor: 0 },
    shippingLines: [
      { title: 'Standard', priceMinor: 500, discountMinor: 0, taxLines: [{ title: 'NY State Tax', rate: '0.04', amountMinor: 20 }] },
    ],
  },
  8999 + 4998 + 7500 - 1000 + 500 + 343 + 191 + 286 + 20,
);

/** German order, prices include 19 % VAT (tax inside: 89.99 → 14.37, 2×24.99 → 7.98), shipping 4.90 incl. 0.78. */
export const TAX_INCLUSIVE_EUR = order(
  'EUR',
  [line('1', 'SKU2006-001', 1, 8999, [['DE MwSt', '0.19', 1437]]), line('2', 'CASE-LEATHER-PREM', 2, 2499, [['DE MwSt', '0.19', 798]])],
  {
    taxesIncluded: true,
    shippingLines: [{ title: 'DHL', priceMinor: 490, discountMinor: 0, taxLines: [{ title: 'DE MwSt', rate: '0.19', amountMinor: 78 }] }],
  },
  8999 + 4998 + 490,
);

/** Japan, no minor unit: 10 % consumption tax on ¥12,800 × 3 less a ¥1,000 allocated discount. */
export const JPY_ORDER = order(
  'JPY',
  [
    {
      ...line('1', 'WEFT-TEE-BLK-M', 3, 12800, [['JP Consumption Tax', '0.1', 3740]]),
      discountMinor: 1000,
      discountAllocations: [{ amountMinor: 1000, source: 'WELCOME' }],
    },
  ],
  {},
  38400 - 1000 + 3740,
);

/** Kuwait, three decimals: 12.345 KWD × 2 and 3.210 KWD, an order discount of 0.500 spread, no tax. */
export const KWD_ORDER = order(
  'KWD',
  [line('1', 'SKU2006-001', 2, 12345), line('2', 'CASE-LEATHER-PREM', 1, 3210)],
  { totals: { subtotalMinor: 0, discountMinor: 500, taxMinor: 0, shippingMinor: 0, totalMinor: 0 } },
  24690 + 3210 - 500,
);

/** ERP_TAX_CODES for the cases above. */
export const FINANCE_TAX_CODES: Record<string, string> = {
  'NY State Tax@0.04': 'US-NY-4',
  'DE MwSt@0.19': 'DE-VAT-19',
  'JP Consumption Tax@0.1': 'JP-CT-10',
};
