import { OrderLine } from '@weft/retail-model';

/** What the customer paid for a whole order line: price × quantity − its discount share + its tax share. */
export function linePaidMinor(line: Pick<OrderLine, 'unitPriceMinor' | 'quantity' | 'discountMinor' | 'taxMinor'>): number {
  return line.unitPriceMinor * line.quantity - line.discountMinor + line.taxMinor;
}

/** The paid amount attributable to the first `units` of a line, rounded half up, exact at the full quantity. */
function paidForUnits(line: OrderLine, units: number): number {
  if (units <= 0) return 0;
  if (units >= line.quantity) return linePaidMinor(line);
  return Math.floor((linePaidMinor(line) * units * 2 + line.quantity) / (2 * line.quantity));
}

/**
 * Refund for returning `quantity` units of a line when `alreadyReturned` units were refunded before:
 * the difference of cumulative shares, so successive partial returns always add up to what was paid.
 * Minor units throughout, so JPY (exponent 0) and KWD (3) need nothing special.
 */
export function refundForUnits(line: OrderLine, quantity: number, alreadyReturned: number): number {
  return paidForUnits(line, alreadyReturned + quantity) - paidForUnits(line, alreadyReturned);
}
