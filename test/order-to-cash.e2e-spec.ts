import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { OrderStore } from '../apps/process-api/src/orders/order.store';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';

interface Order {
  id: string;
  externalId: string;
  state: string;
  erp: { salesOrderId: string | null };
  timeline: { from: string | null; to: string; cause: string }[];
}

describe('order-to-cash across the three apps', () => {
  let stack: Stack;
  let read: string;
  let system: string;
  let ship: string;
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    read = await stack.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
    // Inspecting the ERP directly takes a Weft service token; outside callers only ever reach the edge.
    system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
    ship = await stack.token({ sub: 'warehouse-3pl', scope: 'shipments:write' });
  });
  afterAll(() => stack.close());

  // Shopify orders are keyed by shop: externalId `<shop domain>:<order id>`, business key `shopify:<that>`.
  const findOrder = async (orderId: string): Promise<Order | undefined> => {
    const res = await fetch(`${stack.urls.experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(orderId)}`, {
      headers: { authorization: `Bearer ${read}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as Order[])[0];
  };
  const erpOrders = async (orderId: string): Promise<{ id: string; state: string }[]> => {
    const res = await fetch(`${stack.urls.system}/v1/erp/sales-orders?externalReference=shopify:${shopifyOrderKey(orderId)}`, {
      headers: { authorization: `Bearer ${system}` },
    });
    return (await res.json()) as { id: string; state: string }[];
  };

  it('takes a paid Shopify order to the ERP, keeps its 18-digit id exactly, and completes it after shipment', async () => {
    const id = '820982911946154601';
    const res = await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id), { eventId: 'evt-o2c-1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'accepted' });

    const accepted = await waitFor(
      'ACCEPTED_BY_ERP',
      () => findOrder(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    expect(accepted!.externalId).toBe(shopifyOrderKey(id));
    expect(accepted!.timeline.map((t) => t.to)).toEqual([
      'RECEIVED',
      'VALIDATED',
      'CUSTOMER_RESOLVED',
      'RESERVED',
      'SUBMITTED',
      'ACCEPTED_BY_ERP',
    ]);
    const [so] = await erpOrders(id);
    expect(so.id).toBe(accepted!.erp.salesOrderId);

    const contacts = await fetch(`${stack.urls.system}/v1/crm/contacts?email=JON@example.com`, {
      headers: { authorization: `Bearer ${system}` },
    });
    expect(((await contacts.json()) as unknown[]).length).toBe(1);

    // The warehouse confirms the shipment at the edge, with its channel token.
    const shipped = await fetch(`${stack.urls.experience}/v1/shipments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ship}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: accepted!.id, shipmentKey: 'wh-ship-1', trackingNumber: '1Z999' }),
    });
    expect(shipped.status).toBe(200);
    expect(await shipped.json()).toMatchObject({ orderId: accepted!.id, state: 'done', trackingNumber: '1Z999' });
    const done = await waitFor(
      'COMPLETED',
      () => findOrder(id),
      (o) => o?.state === 'COMPLETED',
    );
    expect(done!.timeline.map((t) => t.to)).toEqual(expect.arrayContaining(['FULFILLED', 'INVOICED', 'COMPLETED']));
  });

  it('gives exactly one ERP sales order when create and paid arrive 5 times each, concurrently, paid first', async () => {
    const id = '820982911946154777';
    const create = paidShopifyOrder(raw, id, 'pending', '2026-11-20T10:00:00-05:00');
    const paid = paidShopifyOrder(raw, id, 'paid', '2026-11-20T10:05:00-05:00');
    const deliveries = [
      ...Array.from({ length: 5 }, () => () => postShopifyWebhook(stack.urls.experience, 'orders/paid', paid, { eventId: 'evt-paid-777' })),
      ...Array.from(
        { length: 5 },
        () => () => postShopifyWebhook(stack.urls.experience, 'orders/create', create, { eventId: 'evt-create-777' }),
      ),
    ];
    const responses = await Promise.all(deliveries.map((d) => d()));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const acks = (await Promise.all(responses.map((r) => r.json()))) as { status: string }[];
    expect(acks.filter((a) => a.status === 'accepted')).toHaveLength(2);
    expect(acks.filter((a) => a.status === 'duplicate')).toHaveLength(8);

    await waitFor(
      'ACCEPTED_BY_ERP',
      () => findOrder(id),
      (o) => o?.state === 'ACCEPTED_BY_ERP',
    );
    expect(await erpOrders(id)).toHaveLength(1);
  });

  it('records the voided fixture as CANCELLED and never sends it to the ERP', async () => {
    const res = await postShopifyWebhook(stack.urls.experience, 'orders/create', raw, { eventId: 'evt-voided' });
    expect(res.status).toBe(200);
    // The sample's `id` was rounded by its collector; the gid keeps the true value, and that is the key.
    const voided = await waitFor(
      'voided order',
      () => findOrder('820982911946154508'),
      (o) => !!o,
    );
    expect(voided!.state).toBe('CANCELLED');
    expect(voided!.timeline.map((t) => t.to)).toEqual(['RECEIVED', 'CANCELLED']);
    // No wait needed before "nothing reached the ERP": intake stores a voided order CANCELLED with no due
    // time in the same transaction that makes it visible, so no workflow step can ever claim it.
    const stored = await stack.apps[1].get(OrderStore).findByBusinessKey(`shopify:${shopifyOrderKey('820982911946154508')}`);
    expect(stored).toMatchObject({ state: 'CANCELLED', nextAttemptAt: null, leaseOwner: null });
    expect(await erpOrders('820982911946154508')).toEqual([]);
    expect(await findOrder('820982911946154500')).toBeUndefined();
  });

  it('answers client mistakes at the edge with problem+json and stores nothing', async () => {
    const write = await stack.token({ sub: 'storefront-eu', scope: 'orders:write' });
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${stack.urls.experience}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${write}`, 'idempotency-key': '"k-edge"', ...headers },
        body,
      });
    const cases: [Response, number][] = [
      [await post('{"currency":', { 'content-type': 'application/json' }), 400],
      [await post('<order/>', { 'content-type': 'application/xml' }), 415],
      [
        await post(
          JSON.stringify({ currency: 'USD', paymentStatus: 'paid', lines: [{ sku: 'SKU2006-001', quantity: 1, unitPriceMinor: 1 }] }),
          { 'content-type': 'application/json' },
        ),
        422,
      ],
      [
        await post(JSON.stringify({ currency: 'USD', paymentStatus: 'paid', lines: [{ sku: 'NOPE', quantity: 1, unitPriceMinor: 1 }] }), {
          'content-type': 'application/json',
          'idempotency-key': '"k-edge-2"',
        }),
        422,
      ],
      [await postShopifyWebhook(stack.urls.experience, 'orders/create', '{"id": 1}', { hmac: 'bm90LXRoZS1obWFj' }), 401],
    ];
    for (const [res, status] of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { status: number; correlationId: string };
      expect(body.status).toBe(status);
      expect(body.correlationId).toBeTruthy();
    }
  });
});
