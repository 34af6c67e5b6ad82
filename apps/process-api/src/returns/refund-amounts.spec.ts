import 'reflect-metadata';
import { OrderLine } from '@weft/retail-model';
import { creditSplit, linePaidMinor, refundForUnits } from './refund-amounts';

const line = (over: Partial<OrderLine>): OrderLine => ({
  lineId: '1',
  sku: 'A',
  quantity: 3,
  unitPriceMinor: 1000,
  discountMinor: 0,
  taxMinor: 0,
  ...over,
});

describe('refund amounts', () => {
  it('refunds the discounted, taxed share of a partial return in USD cents', () => {
    // 3 × 10.00, 5.00 discount allocated to the line, 2.50 tax: paid 27.50 for three units.
    const l = line({ discountMinor: 500, taxMinor: 250 });
    expect(linePaidMinor(l)).toBe(2750);
    expect(refundForUnits(l, 1, 0)).toBe(917);
    expect(refundForUnits(l, 1, 1)).toBe(916);
    expect(refundForUnits(l, 1, 2)).toBe(917);
    expect(refundForUnits(l, 1, 0) + refundForUnits(l, 1, 1) + refundForUnits(l, 1, 2)).toBe(2750);
  });

  it('works in a zero-decimal currency (JPY minor unit = 1 yen)', () => {
    // 2 × ¥1,980, ¥396 discount, ¥358 tax: paid ¥3,922.
    const l = line({ quantity: 2, unitPriceMinor: 1980, discountMinor: 396, taxMinor: 358 });
    expect(refundForUnits(l, 1, 0)).toBe(1961);
    expect(refundForUnits(l, 2, 0)).toBe(3922);
  });

  it('never refunds more than was paid for the line', () => {
    const l = line({ quantity: 7, unitPriceMinor: 333, discountMinor: 100, taxMinor: 17 });
    let total = 0;
    for (let i = 0; i < 7; i++) total += refundForUnits(l, 1, i);
    expect(total).toBe(linePaidMinor(l));
  });

  it('credits the tax and discount a partial return paid back, split over the channel tax lines, summing to the whole', () => {
    // 3 × 10.00, 5.00 discount, tax 1.50 state + 1.00 county on the line.
    const l = {
      ...line({ discountMinor: 500, taxMinor: 250 }),
      taxes: [
        { title: 'State', rate: '0.06', amountMinor: 150 },
        { title: 'County', rate: '0.04', amountMinor: 100 },
      ],
    };
    const first = creditSplit(l, 1, 0);
    const rest = creditSplit(l, 2, 1);
    expect(first).toEqual({
      discountMinor: 167,
      taxes: [
        { title: 'State', rate: '0.06', amountMinor: 50 },
        { title: 'County', rate: '0.04', amountMinor: 33 },
      ],
    });
    expect(first.discountMinor + rest.discountMinor).toBe(500);
    expect([...first.taxes, ...rest.taxes].reduce((a, t) => a + t.amountMinor, 0)).toBe(250);
    // Tax-inclusive prices: the refund is the price less discount, tax already inside.
    expect(refundForUnits(l, 3, 0, true)).toBe(2500);
  });
});
