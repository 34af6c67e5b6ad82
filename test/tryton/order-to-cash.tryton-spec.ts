import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, startStack, Stack, waitFor, shopifyOrderKey } from '@weft/testing';
import { assertTrytonUp, rawClient, report, TRYTON_DATABASE, TRYTON_URL, TrytonRpcClient, trytonPasswordForTests } from './tryton-test-env';

jest.setTimeout(180_000);

interface Order {
  id: string;
  state: string;
  erp: { salesOrderId: string | null; invoiceId: string | null };
  timeline: { to: string; cause: string }[];
}

/** The whole order-to-cash flow with Tryton as the ERP: Weft's three apps, Tryton read back directly. */
describe('order-to-cash through a real Tryton', () => {
  let stack: Stack;
  let raw: TrytonRpcClient;
  let read: string;
  let warehouse: string;
  const fixture = shopifyFixture('orders-create.json');
  const suffix = String(Date.now()).slice(-6);

  beforeAll(async () => {
    await assertTrytonUp();
    raw = rawClient();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        ERP_ADAPTER: 'tryton',
        TRYTON_URL,
        TRYTON_DATABASE,
        TRYTON_PASSWORD: trytonPasswordForTests(),
        WORKFLOW_POLL_MS: '100',
        DOWNSTREAM_TIMEOUT_MS: '20000',
      },
    );
    read = await stack.token({ sub: 'ops', scope: 'orders:read orders:read:all' });
    warehouse = await stack.token({ sub: 'warehouse-3pl', scope: 'shipments:write' });
  });
  afterAll(async () => {
    await stack?.close();
    await raw?.logout().catch(() => undefined);
  });

  const order = async (externalId: string): Promise<Order | undefined> => {
    const res = await fetch(`${stack.urls.experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(externalId)}`, {
      headers: { authorization: `Bearer ${read}` },
    });
    return ((await res.json()) as Order[])[0];
  };
  const trytonSales = (reference: string) =>
    raw.searchRead('sale.sale', [['reference', '=', reference]], ['id', 'state', 'invoice_state', 'shipment_state', 'reference']);

  it('takes the Shopify fixture (paid) to a confirmed Tryton sale, then shipment, invoice, payment: COMPLETED', async () => {
    const id = `9${suffix}00000000001`;
    const started = performance.now();
    const res = await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(fixture, id), {
      eventId: `tryton-${id}`,
    });
    expect(res.status).toBe(200);

    const accepted = await waitFor(
      'ACCEPTED_BY_ERP',
      () => order(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
      60_000,
    );
    const acceptedMs = performance.now() - started;
    const sales = (await trytonSales(`shopify:${shopifyOrderKey(id)}`)) as { id: number; state: string }[];
    expect(sales).toHaveLength(1);
    expect(['confirmed', 'processing']).toContain(sales[0].state);
    expect(String(sales[0].id)).toBe(accepted!.erp.salesOrderId);

    const ship = await fetch(`${stack.urls.experience}/v1/shipments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warehouse}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: accepted!.id, shipmentKey: `wh-${id}` }),
    });
    expect(ship.status).toBe(200);
    const done = await waitFor(
      'COMPLETED',
      () => order(id),
      (o) => o?.state === 'COMPLETED',
      90_000,
    );
    report(
      `order end to end through Tryton: accepted ${acceptedMs.toFixed(0)} ms after the webhook, COMPLETED ${(performance.now() - started).toFixed(0)} ms after it`,
    );
    expect(done!.timeline.map((t) => t.to)).toEqual(expect.arrayContaining(['FULFILLED', 'INVOICED', 'COMPLETED']));

    const [sale] = (await trytonSales(`shopify:${shopifyOrderKey(id)}`)) as {
      shipment_state: string;
      invoice_state: string;
      state: string;
    }[];
    expect(sale.shipment_state).toBe('sent');
    const invoices = (await raw.searchRead(
      'account.invoice',
      [['id', '=', Number(done!.erp.invoiceId)]],
      ['state', 'payment_lines', 'total_amount'],
    )) as {
      state: string;
      payment_lines: number[];
      total_amount: { value: string };
    }[];
    // The invoice is the channel's total_price to the cent (404.95: lines less the spread 20.00 discount, plus shipping), so the capture pays it.
    expect(String(invoices[0].total_amount)).toBe('404.95');
    expect(invoices[0].state).toBe('paid');
    expect(sale.invoice_state).toBe('paid');
    expect(invoices[0].payment_lines.length).toBe(1);

    // A return through Weft ends as a posted credit note in Tryton, read back from Tryton.
    const returnsToken = await stack.token({ sub: 'cs-desk', scope: 'returns:read returns:write orders:read:all' });
    const headers = { authorization: `Bearer ${returnsToken}`, 'content-type': 'application/json' };
    const rma = await fetch(`${stack.urls.experience}/v1/returns`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `"rma-${id}"` },
      body: JSON.stringify({ orderId: done!.id, lines: [{ sku: 'SKU2006-001', quantity: 1, reasonCode: 'damaged' }] }),
    });
    expect(rma.status).toBe(201);
    const created = (await rma.json()) as { id: string };
    const receipt = await fetch(`${stack.urls.experience}/v1/returns/${created.id}/receipt`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ lines: [{ sku: 'SKU2006-001', quantity: 1, disposition: 'restock' }] }),
    });
    expect(receipt.status).toBe(200);
    const closed = await waitFor(
      'return CLOSED',
      async () =>
        (await (await fetch(`${stack.urls.experience}/v1/returns/${created.id}`, { headers })).json()) as {
          state: string;
          erpCreditNoteId: string | null;
        },
      (r) => r.state === 'CLOSED' || r.state === 'EXCEPTION',
      90_000,
    );
    expect(closed.state).toBe('CLOSED');
    const [note] = (await raw.searchRead(
      'account.invoice',
      [['id', '=', Number(closed.erpCreditNoteId)]],
      ['state', 'total_amount'],
    )) as unknown as { state: string; total_amount: { toString(): string } }[];
    expect(note.state).toBe('posted');
    expect(Number(String(note.total_amount))).toBeLessThan(0);
  });

  it('makes one Tryton sale when the same order is delivered 5 times', async () => {
    const id = `9${suffix}00000000002`;
    const body = paidShopifyOrder(fixture, id);
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        postShopifyWebhook(stack.urls.experience, 'orders/create', body, { eventId: `tryton-dup-${id}`, webhookId: `w-${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitFor(
      'ACCEPTED_BY_ERP',
      () => order(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
      60_000,
    );
    expect(await raw.searchCount('sale.sale', [['reference', '=', `shopify:${shopifyOrderKey(id)}`]])).toBe(1);
  });
});
