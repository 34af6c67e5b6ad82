import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { toErpPosting } from '../apps/process-api/src/finance/erp-posting.mapper';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { CanonicalOrder, FINANCE_TAX_CODES, JPY_ORDER, KWD_ORDER, ORDER_LEVEL_DISCOUNT_USD, TAX_INCLUSIVE_EUR } from '@weft/retail-model';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';

interface Invoice {
  invoiceId: string;
  kind: string;
  state: string;
  totalMinor: number;
  taxMinor: number;
  discountMinor: number;
}
interface SalesOrder {
  id: string;
  totalMinor: number;
  invoices: Invoice[];
}

describe('postings that add up (reference ERP)', () => {
  let stack: Stack;
  let system: string;
  let read: string;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50', ERP_TAX_CODES: JSON.stringify(FINANCE_TAX_CODES) },
    );
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
    read = await stack.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
  });
  afterAll(() => stack.close());

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.urls.system}/v1/erp${path}`, {
      method,
      headers: { authorization: `Bearer ${system}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as T;
  };

  it('posts the Shopify fixture order end to end with an invoice equal to total_price (404.95) and paid in full', async () => {
    const id = '820982911946155001';
    expect(
      (await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(shopifyFixture('orders-create.json'), id))).status,
    ).toBe(200);
    const find = async () => {
      const res = await fetch(`${stack.urls.experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, {
        headers: { authorization: `Bearer ${read}` },
      });
      return ((await res.json()) as { state: string; erp: { salesOrderId: string | null } }[])[0];
    };
    const accepted = await waitFor('ACCEPTED_BY_ERP', find, (o) => o?.state === 'ACCEPTED_BY_ERP');
    const soId = accepted.erp.salesOrderId!;
    expect((await call<SalesOrder>('GET', `/sales-orders/${soId}`)).totalMinor).toBe(40495);
    await call('POST', `/sales-orders/${soId}/shipments`, { shipmentKey: `ship-${id}` });
    await waitFor('COMPLETED', find, (o) => o?.state === 'COMPLETED');
    const so = await call<SalesOrder>('GET', `/sales-orders/${soId}`);
    expect(so.invoices).toHaveLength(1);
    expect(so.invoices[0]).toMatchObject({ kind: 'invoice', state: 'paid', totalMinor: 40495, discountMinor: 2000, taxMinor: 0 });
  });

  it.each<[string, CanonicalOrder, number]>([
    ['an order-level discount over three lines (USD)', ORDER_LEVEL_DISCOUNT_USD, 21837],
    ['a tax-inclusive EU order (EUR)', TAX_INCLUSIVE_EUR, 14487],
    ['JPY (no decimals)', JPY_ORDER, 41140],
    ['KWD (three decimals)', KWD_ORDER, 27400],
  ])('invoices %s at the channel total to the minor unit', async (name, order, expected) => {
    expect(order.totals.totalMinor).toBe(expected);
    const { lines, shipping } = toErpPosting(order, FINANCE_TAX_CODES);
    const customer = await call<{ erpCustomerId: string }>('POST', '/customers', { customerKey: `finance:${name}`, name: 'Finance Test' });
    const so = await call<SalesOrder>('POST', '/sales-orders', {
      externalReference: `finance:${order.currency}:${name}`,
      erpCustomerId: customer.erpCustomerId,
      currency: order.currency,
      channel: 'shopify',
      lines,
      shipping,
      taxesIncluded: order.taxesIncluded === true,
    });
    expect(so.totalMinor).toBe(expected);
    const invoice = await call<Invoice>('POST', `/sales-orders/${so.id}/invoice`);
    expect(invoice).toMatchObject({ totalMinor: expected, taxMinor: order.totals.taxMinor, discountMinor: order.totals.discountMinor });
  });
});
