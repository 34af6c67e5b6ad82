import { CanonicalOrder } from '@weft/retail-model';
import { checkReturnPolicy, ReturnPolicyConfig } from './return-policy';

const policy: ReturnPolicyConfig = {
  windowDays: { shopify: 30, partner: 14 },
  reasonCodes: ['damaged', 'changed-mind'],
  nonReturnableSkus: ['PLAN'],
};
const order = (over: Partial<CanonicalOrder> = {}): CanonicalOrder => ({
  channel: 'shopify',
  externalId: '1',
  currency: 'USD',
  financialStatus: 'paid',
  cancelled: false,
  locationId: 'WH-MAIN',
  placedAt: '2026-11-01T00:00:00Z',
  sourceUpdatedAt: '2026-11-01T00:00:00Z',
  totals: { subtotalMinor: 0, discountMinor: 0, taxMinor: 0, shippingMinor: 0, totalMinor: 0 },
  lines: [
    { lineId: '1', sku: 'A', quantity: 2, unitPriceMinor: 100, discountMinor: 0, taxMinor: 0 },
    { lineId: '2', sku: 'PLAN', quantity: 1, unitPriceMinor: 50, discountMinor: 0, taxMinor: 0 },
  ],
  ...over,
});
const now = new Date('2026-11-20T00:00:00Z');
const shipped = new Map([
  ['A', 2],
  ['PLAN', 1],
]);

describe('return policy', () => {
  it('accepts a return within the window, quantity and reasons', () => {
    expect(checkReturnPolicy(order(), [{ sku: 'A', quantity: 1, reasonCode: 'damaged' }], shipped, new Map(), policy, now)).toBeUndefined();
  });
  it.each([
    ['return-window', order({ channel: 'partner' }), [{ sku: 'A', quantity: 1, reasonCode: 'damaged' }], new Map<string, number>()],
    ['reason-code', order(), [{ sku: 'A', quantity: 1, reasonCode: 'bored' }], new Map<string, number>()],
    ['non-returnable', order(), [{ sku: 'PLAN', quantity: 1, reasonCode: 'damaged' }], new Map<string, number>()],
    ['not-on-order', order(), [{ sku: 'B', quantity: 1, reasonCode: 'damaged' }], new Map<string, number>()],
    ['quantity', order(), [{ sku: 'A', quantity: 2, reasonCode: 'damaged' }], new Map([['A', 1]])],
  ])('names the rule it breaks: %s', (rule, o, lines, returned) => {
    expect(checkReturnPolicy(o, lines, shipped, returned, policy, now)?.rule).toBe(rule);
  });
  it('counts only what was fulfilled', () => {
    expect(checkReturnPolicy(order(), [{ sku: 'A', quantity: 1, reasonCode: 'damaged' }], new Map(), new Map(), policy, now)?.rule).toBe(
      'quantity',
    );
  });
});
