import { ErpLineInput, ErpShippingInput } from './erp.port';

const sum = <T>(xs: T[], f: (x: T) => number): number => xs.reduce((a, x) => a + f(x), 0);

export interface DocumentTotals {
  netMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

export const lineDiscount = (l: Pick<ErpLineInput, 'discounts'>): number => sum(l.discounts ?? [], (d) => d.amountMinor);
export const lineTax = (l: Pick<ErpLineInput, 'taxes'>): number => sum(l.taxes ?? [], (t) => t.amountMinor);

/**
 * What a sales order posts, from its parts exactly as the channel gave them: lines net of discount,
 * shipping net of its discount, plus tax unless prices already include it. Both ERPs post this sum.
 */
export function documentTotals(lines: ErpLineInput[], shipping: ErpShippingInput[] = [], taxesIncluded = false): DocumentTotals {
  const lineNet = sum(lines, (l) => l.unitPriceMinor * l.quantity - lineDiscount(l));
  const shipNet = sum(shipping, (s) => s.priceMinor - s.discountMinor);
  const taxMinor = sum(lines, lineTax) + sum(shipping, (s) => sum(s.taxes, (t) => t.amountMinor));
  const discountMinor = sum(lines, lineDiscount) + sum(shipping, (s) => s.discountMinor);
  return { netMinor: lineNet + shipNet, discountMinor, taxMinor, totalMinor: lineNet + shipNet + (taxesIncluded ? 0 : taxMinor) };
}
