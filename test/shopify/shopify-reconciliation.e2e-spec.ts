import { DataSource } from 'typeorm';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { ErpInvoiceRow, ErpPaymentRow } from '../../apps/system-api/src/erp/reference/reference-erp.entities';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import {
  DEV_SHOP_DOMAIN,
  DEV_SHOPIFY_SECRET,
  LocalShopifyAdmin,
  paidShopifyOrder,
  postShopifyWebhook,
  shopifyFixture,
  shopifyOrderKey,
  startStack,
  Stack,
  waitFor,
} from '@weft/testing';
import { OrderView, RunView, VarianceView } from '../reconciliation-views';

/**
 * Reconciliation reads Shopify orders' own transactions (captured, refunded) through system-api's Admin
 * API client, executed by the local Admin server on the vendored schema, and compares them with the
 * ERP's postings: a refund made in the Shopify admin whose webhook never came is found once.
 */
describe('reconciliation with the shop’s transactions (Admin API)', () => {
  const shopify = new LocalShopifyAdmin({ maximumAvailable: 1000, restoreRate: 100 });
  let stack: Stack;
  let finance: string;
  let channel: string;
  let system: string;
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    await shopify.start();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: shopify.shopsEnv(DEV_SHOP_DOMAIN, 'shpat_reconcile_token', [DEV_SHOPIFY_SECRET]),
        SHOPIFY_CATCH_UP_INTERVAL_MS: '0',
        DOWNSTREAM_TIMEOUT_MS: '30000',
        RECONCILIATION_POLL_MS: '200',
        RECONCILIATION_PAGE_SIZE: '2',
        RECONCILIATION_CRON: '',
      },
    );
    finance = await stack.token({ sub: 'controller.jane', scope: 'finance:read finance:write' });
    channel = await stack.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read system:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  const get = async <T>(path: string, token = finance): Promise<T> =>
    (await (await fetch(`${stack.urls.experience}/v1${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
  const find = async (id: string): Promise<OrderView> =>
    (await get<OrderView[]>(`/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, channel))[0];

  /** The order as the shop holds it (paid 404.95, the fixture's total) and as its webhook tells Weft; shipped, invoiced, paid. */
  const completed = async (id: string): Promise<OrderView> => {
    const local = shopify.shop(DEV_SHOP_DOMAIN).addOrder({ id: Number(id), lines: [{ sku: 'SKU2006-001', quantity: 1, price: '404.95' }] });
    expect(local.transactions.map((t) => [t.kind, t.amount])).toEqual([['SALE', '404.95']]);
    expect((await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id))).status).toBe(200);
    const accepted = await waitFor(
      'ACCEPTED_BY_ERP',
      () => find(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    await fetch(`${stack.urls.system}/v1/erp/sales-orders/${accepted.erp.salesOrderId}/shipments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shipmentKey: `ship-${id}` }),
    });
    return waitFor(
      'COMPLETED',
      () => find(id),
      (o) => o?.state === 'COMPLETED',
    );
  };

  const reconcile = async (from: string): Promise<RunView> => {
    const res = await fetch(`${stack.urls.experience}/v1/reconciliation/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${finance}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from, to: new Date(Date.now() + 1000).toISOString() }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as RunView;
    return waitFor(
      'run finished',
      () => get<RunView>(`/reconciliation/runs/${id}`),
      (r) => r.state !== 'RUNNING',
      30_000,
    );
  };
  const transactionReads = () => shopify.calls.filter((c) => c.operation === 'nodes' && !c.throttled).length;

  it('reads the shop’s transactions: a clean window has no variance; a Shopify-admin refund the ERP never credited is found once', async () => {
    const from = new Date().toISOString();
    const ids = ['941001', '941002', '941003'];
    const orders: OrderView[] = [];
    for (const id of ids) orders.push(await completed(id));

    const readsBefore = transactionReads();
    const clean = await reconcile(from);
    expect(clean).toMatchObject({ state: 'COMPLETED', ordersChecked: 3, varianceCount: 0, byType: {} });
    // Two pages of Shopify orders: two transaction reads through the Admin API.
    expect(transactionReads() - readsBefore).toBe(2);

    // Staff refund 30.00 in the Shopify admin; the refunds/create webhook never reaches Weft.
    const { transactionId } = shopify.shop(DEV_SHOP_DOMAIN).refundInAdmin('gid://shopify/Order/941002', '30.00');
    // And the ERP lost the payment of another order: the shop captured it, the ERP has nothing recorded.
    const erpDb = stack.apps[0].get(DataSource);
    await erpDb.getRepository(ErpPaymentRow).delete({ invoiceId: orders[2].erp.invoiceId! });
    await erpDb.getRepository(ErpInvoiceRow).update({ id: orders[2].erp.invoiceId! }, { paidMinor: 0, state: 'posted' });

    const run = await reconcile(from);
    expect(run).toMatchObject({ state: 'COMPLETED', ordersChecked: 3, varianceCount: 2 });
    expect(run.byType).toEqual({ REFUND_NOT_CREDITED: 1, PAYMENT_NOT_RECORDED: 1 });
    const list = await get<VarianceView[]>(`/reconciliation/variances?runId=${run.id}`);
    const byType = new Map(list.map((v) => [v.type, v]));
    expect(byType.get('REFUND_NOT_CREDITED')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[1])}`,
      weftAmountMinor: 3000,
      erpAmountMinor: 0,
      differenceMinor: -3000,
      weftDocuments: [{ kind: 'shopify-transaction', id: transactionId, amountMinor: 3000 }],
    });
    expect(byType.get('PAYMENT_NOT_RECORDED')).toMatchObject({
      businessKey: `shopify:${shopifyOrderKey(ids[2])}`,
      weftAmountMinor: 40495,
      erpAmountMinor: 0,
      weftDocuments: [{ kind: 'shopify-transaction', amountMinor: 40495 }],
    });
  });
});
