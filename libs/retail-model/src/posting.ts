import { allocate } from './money';
import { CanonicalOrder, DiscountAllocation, OrderLine, ShippingLine, TaxLine } from './order';

/**
 * The ledger view of an order: every line at its gross price with its discount allocations and tax
 * lines, shipping with its own tax, all in minor units, so that an ERP posting it line by line arrives
 * at the channel's total exactly.
 */
export interface PostingLine {
  lineId: string;
  sku: string;
  title?: string;
  quantity: number;
  unitPriceMinor: number;
  grossMinor: number;
  discounts: DiscountAllocation[];
  discountMinor: number;
  taxes: TaxLine[];
  taxMinor: number;
}

export interface PostingShipping extends ShippingLine {
  taxMinor: number;
}

export interface Posting {
  currency: string;
  taxesIncluded: boolean;
  lines: PostingLine[];
  shipping: PostingShipping[];
  grossMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
}

const sumOf = <T>(xs: T[], f: (x: T) => number): number => xs.reduce((a, x) => a + f(x), 0);

/** An amount with no channel split becomes one untitled tax line (mapped like any other, by title "tax"). */
function taxesOf(amountMinor: number, given: TaxLine[] | undefined): TaxLine[] {
  if (given && given.length > 0) return given.filter((t) => t.amountMinor !== 0);
  return amountMinor !== 0 ? [{ title: 'tax', rate: null, amountMinor }] : [];
}

function discountsOf(line: OrderLine): DiscountAllocation[] {
  if (line.discountAllocations && line.discountAllocations.length > 0) return line.discountAllocations.filter((d) => d.amountMinor !== 0);
  return line.discountMinor !== 0 ? [{ amountMinor: line.discountMinor, source: 'line' }] : [];
}

/** Sum of a posting's parts: lines net of discount, shipping net of discount, plus tax unless prices include it. */
export function postingTotal(p: Pick<Posting, 'lines' | 'shipping' | 'taxesIncluded'>): number {
  const lines = sumOf(p.lines, (l) => l.grossMinor - l.discountMinor + (p.taxesIncluded ? 0 : l.taxMinor));
  const ship = sumOf(p.shipping, (s) => s.priceMinor - s.discountMinor + (p.taxesIncluded ? 0 : s.taxMinor));
  return lines + ship;
}

/**
 * Builds the posting. A discount the channel reports at order level but did not allocate to any line
 * (totals.discountMinor above what lines and shipping carry) is spread over the lines in proportion to
 * their net amount with the largest-remainder method, so the allocations sum to it exactly.
 */
export function buildPosting(order: CanonicalOrder): Posting {
  const lines: PostingLine[] = order.lines.map((l) => {
    const discounts = discountsOf(l);
    const taxes = taxesOf(l.taxMinor, l.taxLines);
    return {
      lineId: l.lineId,
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      grossMinor: l.unitPriceMinor * l.quantity,
      discounts,
      discountMinor: sumOf(discounts, (d) => d.amountMinor),
      taxes,
      taxMinor: sumOf(taxes, (t) => t.amountMinor),
    };
  });
  const shipping: PostingShipping[] = (order.shippingLines ?? []).map((s) => ({
    ...s,
    taxLines: taxesOf(0, s.taxLines),
    taxMinor: sumOf(s.taxLines, (t) => t.amountMinor),
  }));
  if (shipping.length === 0 && order.totals.shippingMinor > 0) {
    shipping.push({ title: 'Shipping', priceMinor: order.totals.shippingMinor, discountMinor: 0, taxLines: [], taxMinor: 0 });
  }
  const carried = sumOf(lines, (l) => l.discountMinor) + sumOf(shipping, (s) => s.discountMinor);
  const unallocated = order.totals.discountMinor - carried;
  if (unallocated > 0 && lines.length > 0) {
    const shares = allocate(
      unallocated,
      lines.map((l) => Math.max(0, l.grossMinor - l.discountMinor)),
    );
    lines.forEach((l, i) => {
      if (shares[i] === 0) return;
      l.discounts = [...l.discounts, { amountMinor: shares[i], source: 'order' }];
      l.discountMinor += shares[i];
    });
  }
  const taxesIncluded = order.taxesIncluded === true;
  const posting = { currency: order.currency, taxesIncluded, lines, shipping };
  return {
    ...posting,
    grossMinor: sumOf(lines, (l) => l.grossMinor),
    discountMinor: sumOf(lines, (l) => l.discountMinor) + sumOf(shipping, (s) => s.discountMinor),
    taxMinor: sumOf(lines, (l) => l.taxMinor) + sumOf(shipping, (s) => s.taxMinor),
    shippingMinor: sumOf(shipping, (s) => s.priceMinor),
    totalMinor: postingTotal(posting),
  };
}

/** Normalised rate text ("0.190" → "0.19") so "0.19" and "0.190" map to the same ERP tax code. */
export function normaliseRate(rate: string | null): string | null {
  if (rate === null || rate.trim() === '') return null;
  const m = /^(\d+)(?:\.(\d*?))?0*$/.exec(rate.trim());
  if (!m) return rate.trim();
  return m[2] ? `${m[1]}.${m[2]}` : m[1];
}

/**
 * ERP_TAX_CODES: a JSON object from "<title>@<rate>" to an ERP tax code; "*" matches any title or any
 * rate ("VAT@*", "*@0.19"). Exact keys win over wildcards. Returns undefined for an unmapped tax.
 */
export function taxCodeFor(codes: Record<string, string>, tax: Pick<TaxLine, 'title' | 'rate'>): string | undefined {
  const table = new Map<string, string>();
  for (const [key, code] of Object.entries(codes)) {
    const at = key.lastIndexOf('@');
    if (at < 0 || !code) continue;
    const rate = key.slice(at + 1);
    table.set(`${key.slice(0, at)}@${rate === '*' ? '*' : (normaliseRate(rate) ?? '*')}`, code);
  }
  const rate = normaliseRate(tax.rate);
  const candidates = rate === null ? [`${tax.title}@*`] : [`${tax.title}@${rate}`, `${tax.title}@*`, `*@${rate}`];
  for (const key of candidates) if (table.has(key)) return table.get(key);
  return undefined;
}
