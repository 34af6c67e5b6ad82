import { DomainError, ErrorCode } from '@weft/problem';
import { FINANCE_TAX_CODES, JPY_ORDER, KWD_ORDER, ORDER_LEVEL_DISCOUNT_USD, TAX_INCLUSIVE_EUR } from '@weft/retail-model';
import { paidShopifyOrder, shopifyFixture } from '@weft/testing';
import { parseLossless } from '../intake/lossless-json';
import { mapShopifyOrder } from '../intake/shopify-order.mapper';
import { toErpPosting } from './erp-posting.mapper';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('toErpPosting', () => {
  it('posts the Shopify fixture at its total_price, spreading the unallocated 20.00 discount exactly over the five lines', () => {
    const order = mapShopifyOrder(parseLossless(paidShopifyOrder(shopifyFixture('orders-create.json'), '1')) as Record<string, unknown>, {
      domain: 'weft-dev.myshopify.com',
    });
    const { posting, lines, shipping } = toErpPosting(order, {});
    expect(order.totals.totalMinor).toBe(40495);
    expect(posting.totalMinor).toBe(40495);
    expect(lines.map((l) => l.unitPriceMinor)).toEqual([8999, 1999, 2499, 15999, 11999]);
    const shares = lines.map((l) => sum(l.discounts.map((d) => d.amountMinor)));
    expect(sum(shares)).toBe(2000);
    // 2000 × price / 414.95: 433.73, 96.35, 120.45, 771.13, 578.34 → the two largest remainders (.73, .45) get the 2 left over.
    expect(shares).toEqual([434, 96, 121, 771, 578]);
    expect(lines.every((l) => l.discounts.every((d) => d.source === 'order'))).toBe(true);
    expect(shipping).toEqual([{ title: 'Generic Shipping', priceMinor: 1000, discountMinor: 0, taxes: [] }]);
  });

  it.each([
    ['an order-level discount over three lines (USD)', ORDER_LEVEL_DISCOUNT_USD],
    ['a tax-inclusive EU order (EUR)', TAX_INCLUSIVE_EUR],
    ['a zero-decimal currency (JPY)', JPY_ORDER],
    ['a three-decimal currency (KWD)', KWD_ORDER],
  ])('adds up to the channel total for %s', (_name, order) => {
    const { posting, lines, shipping } = toErpPosting(order, FINANCE_TAX_CODES);
    expect(posting.totalMinor).toBe(order.totals.totalMinor);
    expect(posting.discountMinor).toBe(order.totals.discountMinor);
    expect(posting.taxMinor).toBe(order.totals.taxMinor);
    const parts =
      sum(lines.map((l) => l.unitPriceMinor * l.quantity - sum(l.discounts.map((d) => d.amountMinor)))) +
      sum(shipping.map((s) => s.priceMinor - s.discountMinor)) +
      (order.taxesIncluded ? 0 : sum([...lines, ...shipping].flatMap((l) => l.taxes.map((t) => t.amountMinor))));
    expect(parts).toBe(order.totals.totalMinor);
    for (const t of [...lines, ...shipping].flatMap((l) => l.taxes)) expect(t.code).toMatch(/^(US-NY-4|DE-VAT-19|JP-CT-10)$/);
  });

  it('spreads the order discount by largest remainder (KWD 0.500 over 24.690 and 3.210 → 0.442 + 0.058)', () => {
    const { lines } = toErpPosting(KWD_ORDER, {});
    expect(lines.map((l) => l.discounts)).toEqual([[{ amountMinor: 442, source: 'order' }], [{ amountMinor: 58, source: 'order' }]]);
  });

  it('keeps the channel tax title and rate beside the ERP code, wildcards allowed', () => {
    const { lines } = toErpPosting(TAX_INCLUSIVE_EUR, { '*@0.190': 'EU-VAT-19' });
    expect(lines[0].taxes).toEqual([{ code: 'EU-VAT-19', title: 'DE MwSt', rate: '0.19', amountMinor: 1437 }]);
  });

  it('fails with tax-not-mapped naming every unmapped tax, never a default code', () => {
    let error: unknown;
    try {
      toErpPosting(ORDER_LEVEL_DISCOUNT_USD, { 'DE MwSt@0.19': 'DE-VAT-19' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.TAX_NOT_MAPPED);
    expect((error as DomainError).extensions).toEqual({ taxes: ['NY State Tax@0.04'] });
  });

  it('refuses an order whose parts do not add up to the channel total', () => {
    const broken = { ...KWD_ORDER, totals: { ...KWD_ORDER.totals, totalMinor: KWD_ORDER.totals.totalMinor + 1 } };
    expect(() => toErpPosting(broken, {})).toThrow(/add up to 27400, the channel's total is 27401/);
  });
});
