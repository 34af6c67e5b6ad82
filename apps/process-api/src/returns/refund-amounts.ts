import { allocate, OrderLine, TaxLine } from '@weft/retail-model';

type PaidLine = Pick<OrderLine, 'unitPriceMinor' | 'quantity' | 'discountMinor' | 'taxMinor'>;

/** What the customer paid for a whole order line: price × quantity − its discount share, plus tax unless prices include it. */
export function linePaidMinor(line: PaidLine, taxesIncluded = false): number {
  return line.unitPriceMinor * line.quantity - line.discountMinor + (taxesIncluded ? 0 : line.taxMinor);
}

/** The part of `amount` attributable to the first `units` of `quantity`, rounded half up, exact at the full quantity. */
function shareOfUnits(amount: number, quantity: number, units: number): number {
  if (units <= 0) return 0;
  if (units >= quantity) return amount;
  return Math.floor((amount * units * 2 + quantity) / (2 * quantity));
}

/** The difference of cumulative shares, so successive partial returns add up to the whole amount exactly. */
function shareForReturn(amount: number, quantity: number, returning: number, alreadyReturned: number): number {
  return shareOfUnits(amount, quantity, alreadyReturned + returning) - shareOfUnits(amount, quantity, alreadyReturned);
}

/**
 * Refund for returning `quantity` units of a line when `alreadyReturned` units were refunded before.
 * Minor units throughout, so JPY (exponent 0) and KWD (3) need nothing special.
 */
export function refundForUnits(line: PaidLine, quantity: number, alreadyReturned: number, taxesIncluded = false): number {
  return shareForReturn(linePaidMinor(line, taxesIncluded), line.quantity, quantity, alreadyReturned);
}

export interface CreditSplit {
  /** The discount given back with these units (it reduces what is credited, as it reduced what was paid). */
  discountMinor: number;
  /** The tax credited, split over the line's own tax lines as the channel titled them. */
  taxes: TaxLine[];
}

/**
 * The tax and discount inside a refund of `quantity` units: the same cumulative shares as the refund
 * itself, so a partial return credits exactly the share it paid back. When the channel states the tax
 * it refunded (Shopify's refund line total_tax), that amount is split over the tax lines instead.
 */
export function creditSplit(
  line: PaidLine & { taxes: TaxLine[] },
  quantity: number,
  alreadyReturned: number,
  channelTaxMinor?: number,
): CreditSplit {
  const discountMinor = shareForReturn(line.discountMinor, line.quantity, quantity, alreadyReturned);
  const taxMinor = channelTaxMinor ?? shareForReturn(line.taxMinor, line.quantity, quantity, alreadyReturned);
  if (taxMinor === 0 || line.taxes.length === 0) return { discountMinor, taxes: [] };
  const parts = allocate(
    taxMinor,
    line.taxes.map((t) => t.amountMinor),
  );
  return { discountMinor, taxes: line.taxes.map((t, i) => ({ ...t, amountMinor: parts[i] })).filter((t) => t.amountMinor !== 0) };
}
