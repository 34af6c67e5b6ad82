import 'reflect-metadata';

jest.setTimeout(120_000);
import { toErpPosting } from '../../apps/process-api/src/finance/erp-posting.mapper';
import {
  CanonicalOrder,
  currencyExponent,
  FINANCE_TAX_CODES,
  JPY_ORDER,
  KWD_ORDER,
  ORDER_LEVEL_DISCOUNT_USD,
  TAX_INCLUSIVE_EUR,
} from '@weft/retail-model';
import {
  asIds,
  assertTrytonUp,
  makeAdapter,
  newCustomer,
  rawClient,
  report,
  str,
  TrytonErpAdapter,
  TrytonRpcClient,
  uniq,
} from './tryton-test-env';

/**
 * Test data, not adapter behaviour: the seeded Tryton has only its company currency, so the suite adds
 * EUR, JPY and KWD (with the digits ISO 4217 gives them) and a rate, as a finance team would.
 */
async function ensureCurrency(raw: TrytonRpcClient, code: string): Promise<void> {
  const [found] = await raw.search('currency.currency', [['code', '=', code]], { limit: 1 });
  if (found !== undefined) return;
  const digits = currencyExponent(code);
  const rounding = digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`;
  await raw.create('currency.currency', [
    {
      name: code,
      code,
      symbol: code,
      digits,
      rounding: { __class__: 'Decimal', decimal: rounding },
      rates: [['create', [{ date: { __class__: 'date', year: 2000, month: 1, day: 1 }, rate: { __class__: 'Decimal', decimal: '1' } }]]],
    },
  ]);
}

describe('Tryton: invoices equal the channel total, with channel taxes by code', () => {
  let adapter: TrytonErpAdapter;
  let raw: TrytonRpcClient;

  beforeAll(async () => {
    await assertTrytonUp();
    adapter = makeAdapter();
    raw = rawClient();
    for (const c of ['EUR', 'JPY', 'KWD']) await ensureCurrency(raw, c);
  });
  afterAll(async () => {
    await adapter.onApplicationShutdown();
    await raw.logout();
  });

  it.each<[string, CanonicalOrder]>([
    ['an order-level discount over three lines with shipping tax (USD)', ORDER_LEVEL_DISCOUNT_USD],
    ['a tax-inclusive EU order (EUR)', TAX_INCLUSIVE_EUR],
    ['JPY (no decimals)', JPY_ORDER],
    ['KWD (three decimals)', KWD_ORDER],
  ])('%s: sale and posted invoice total the channel total; taxes are account.tax found or created by ERP code', async (_name, order) => {
    const { lines, shipping } = toErpPosting(order, FINANCE_TAX_CODES);
    const customer = await newCustomer(adapter);
    const so = await adapter.createSalesOrder({
      externalReference: uniq(`finance-${order.currency}`),
      erpCustomerId: customer,
      currency: order.currency,
      channel: 'shopify',
      lines,
      shipping,
      taxesIncluded: order.taxesIncluded === true,
    });
    expect(so.totalMinor).toBe(order.totals.totalMinor);
    const invoice = await adapter.postInvoice(so.id);
    expect(invoice).toMatchObject({ state: 'posted', totalMinor: order.totals.totalMinor, taxMinor: order.totals.taxMinor });
    // Read back from Tryton itself: the taxes on the sale lines are the channel's codes, never the seeded 10 % tax.
    const [sale] = await raw.searchRead('sale.sale', [['id', '=', Number(so.id)]], ['lines']);
    const saleLines = await raw.read('sale.line', asIds(sale.lines), ['taxes']);
    const taxIds = [...new Set(saleLines.flatMap((l) => asIds(l.taxes)))];
    const taxes = await raw.read('account.tax', taxIds, ['name']);
    const expectedCodes = [...new Set([...lines, ...shipping].flatMap((l) => l.taxes.map((t) => t.code)))].sort();
    expect(taxes.map((t) => str(t, 'name')).sort()).toEqual(expectedCodes);
    report(
      `${order.currency}: channel ${order.totals.totalMinor}, Tryton sale ${so.totalMinor}, invoice ${invoice.totalMinor} (tax ${invoice.taxMinor})`,
    );
  });

  it('reads postings back for reconciliation: the invoice, its tax, and the payment under its key', async () => {
    const { lines, shipping } = toErpPosting(ORDER_LEVEL_DISCOUNT_USD, FINANCE_TAX_CODES);
    const ref = uniq('finance-postings');
    const so = await adapter.createSalesOrder({
      externalReference: ref,
      erpCustomerId: await newCustomer(adapter),
      currency: 'USD',
      channel: 'shopify',
      lines,
      shipping,
    });
    const invoice = await adapter.postInvoice(so.id);
    await adapter.recordPayment(invoice.invoiceId, invoice.totalMinor, 'USD', `${ref}:payment`);
    const [postings] = await adapter.listPostings([ref]);
    expect(postings.externalReference).toBe(ref);
    expect(postings.invoices).toEqual([
      expect.objectContaining({ invoiceId: invoice.invoiceId, kind: 'invoice', state: 'paid', totalMinor: 21837, taxMinor: 840 }),
    ]);
    expect(postings.payments).toEqual([{ paymentKey: `${ref}:payment`, invoiceId: invoice.invoiceId, amountMinor: 21837 }]);
  });
});
