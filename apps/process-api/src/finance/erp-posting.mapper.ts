import { DomainError, ErrorCode } from '@weft/problem';
import { buildPosting, CanonicalOrder, Posting, TaxLine, taxCodeFor } from '@weft/retail-model';
import { SalesLineView, ShippingView, TaxView } from '../system/system.port';

export interface ErpPostingInput {
  posting: Posting;
  lines: SalesLineView[];
  shipping: ShippingView[];
}

/**
 * The order as the ERP books it: gross lines with their discount allocations, the channel's taxes with
 * the ERP codes configured for them, shipping with its own tax. Every unmapped tax is named in one
 * tax-not-mapped failure, so finance can add them all to ERP_TAX_CODES at once.
 */
export function toErpPosting(order: CanonicalOrder, codes: Record<string, string>): ErpPostingInput {
  const posting = buildPosting(order);
  const unmapped = new Set<string>();
  const map = (taxes: TaxLine[]): TaxView[] =>
    taxes.map((t) => {
      const code = taxCodeFor(codes, t);
      if (!code) unmapped.add(`${t.title}@${t.rate ?? '*'}`);
      return {
        code: code ?? '',
        title: t.title,
        rate: t.rate,
        amountMinor: t.amountMinor,
        ...(t.jurisdiction ? { jurisdiction: t.jurisdiction } : {}),
      };
    });
  const lines = posting.lines.map((l) => ({
    sku: l.sku,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    description: l.title,
    discounts: l.discounts.map((d) => ({ amountMinor: d.amountMinor, source: d.source })),
    taxes: map(l.taxes),
  }));
  const shipping = posting.shipping.map((s) => ({
    title: s.title,
    ...(s.code ? { code: s.code } : {}),
    priceMinor: s.priceMinor,
    discountMinor: s.discountMinor,
    taxes: map(s.taxLines),
  }));
  failUnmapped(unmapped);
  if (posting.totalMinor !== order.totals.totalMinor) {
    throw new DomainError(
      ErrorCode.BUSINESS_RULE,
      `Order parts add up to ${posting.totalMinor}, the channel's total is ${order.totals.totalMinor}: not posted`,
      { extensions: { partsMinor: posting.totalMinor, totalMinor: order.totals.totalMinor } },
    );
  }
  return { posting, lines, shipping };
}

function withCodes(taxes: TaxLine[], codes: Record<string, string>, unmapped: Set<string>): TaxView[] {
  return taxes.map((t) => {
    const code = taxCodeFor(codes, t);
    if (!code) unmapped.add(`${t.title}@${t.rate ?? '*'}`);
    return {
      code: code ?? '',
      title: t.title,
      rate: t.rate,
      amountMinor: t.amountMinor,
      ...(t.jurisdiction ? { jurisdiction: t.jurisdiction } : {}),
    };
  });
}

function failUnmapped(unmapped: Set<string>): void {
  if (unmapped.size === 0) return;
  throw new DomainError(ErrorCode.TAX_NOT_MAPPED, `No ERP tax code for ${[...unmapped].join(', ')}: add them to ERP_TAX_CODES`, {
    extensions: { taxes: [...unmapped] },
  });
}

/** Channel taxes with their ERP codes (credit notes); any unmapped one fails with tax-not-mapped. */
export function mapTaxes(taxes: TaxLine[], codes: Record<string, string>): TaxView[] {
  const unmapped = new Set<string>();
  const mapped = withCodes(taxes, codes, unmapped);
  failUnmapped(unmapped);
  return mapped;
}
