import { randomUUID } from 'node:crypto';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { startStack, Stack, waitFor } from '@weft/testing';

interface Res {
  status: number;
  body: Record<string, unknown> & { id?: string };
  type: string | null;
}

/** Every tenant binding a channel token can carry, two of each, plus a token bound to nothing. */
describe('tenants stay apart at the edge, failing closed', () => {
  let stack: Stack;
  const t: Record<string, string> = {};

  const call = async (method: string, path: string, token: string, body?: unknown): Promise<Res> => {
    const res = await fetch(`${stack.urls.experience}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': `"${randomUUID()}"` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Res['body']) : {}, type: res.headers.get('content-type') };
  };
  const orderBody = (externalId: string) => ({
    externalId,
    currency: 'USD',
    paymentStatus: 'paid',
    lines: [{ sku: 'SKU2006-001', quantity: 1, unitPriceMinor: 8999 }],
    customer: { email: 'ada.demo@example.com' },
  });
  const sale = (storeId: string, saleId: string) => ({
    storeId,
    registerId: 'R1',
    sales: [
      {
        saleId,
        occurredAt: new Date().toISOString(),
        currency: 'USD',
        lines: [{ sku: 'CASE-LEATHER-PREM', quantity: 1, unitPriceMinor: 2499 }],
        tenders: [{ type: 'card', amountMinor: 2499 }],
      },
    ],
  });

  const orders: Record<string, { id: string; externalId: string; channel: string }> = {};
  let returnId: string;
  let customerId: string;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    const scope = 'orders:read orders:write returns:read returns:write customers:read pos:write';
    t.partnerA = await stack.token({ sub: 'partner-a', scope, partnerId: 'partner-a' });
    t.partnerB = await stack.token({ sub: 'partner-b', scope, partnerId: 'partner-b' });
    t.storeA = await stack.token({ sub: 'register-1', scope, claims: { store_id: 'STORE-001' } });
    t.storeB = await stack.token({ sub: 'register-9', scope, claims: { store_id: 'STORE-002' } });
    t.shopA = await stack.token({ sub: 'storefront-na', scope, claims: { channel: 'storefront-na' } });
    t.shopB = await stack.token({ sub: 'storefront-eu', scope, claims: { shop: 'weft-eu.myshopify.com' } });
    t.unbound = await stack.token({ sub: 'nobody', scope });
    t.operator = await stack.token({ sub: 'ops', scope: `${scope} orders:read:all customers:read:all` });

    const partnerOrder = await call('POST', '/v1/orders', t.partnerA, orderBody('po-1'));
    expect(partnerOrder.status).toBe(201);
    const storefrontOrder = await call('POST', '/v1/orders', t.shopA, orderBody('web-1'));
    expect(storefrontOrder.status).toBe(201);
    const posSale = await call('POST', '/v1/pos/sales', t.storeA, sale('STORE-001', 'S-1'));
    expect(posSale.status).toBe(200);
    const posOrderId = (posSale.body.results as { orderId: string }[])[0].orderId;
    for (const [name, id] of [
      ['partnerA', partnerOrder.body.id!],
      ['shopA', storefrontOrder.body.id!],
      ['storeA', posOrderId],
    ]) {
      orders[name] = (await call('GET', `/v1/orders/${id}`, t.operator)).body as (typeof orders)[string];
    }
    // A till sale is fulfilled at once, so its store can take a return on it.
    await waitFor(
      'till fulfilment',
      () => call('GET', `/v1/orders/${posOrderId}`, t.storeA),
      (r) => r.body.state === 'COMPLETED',
    );
    const ret = await call('POST', '/v1/returns', t.storeA, {
      orderId: posOrderId,
      lines: [{ sku: 'CASE-LEATHER-PREM', quantity: 1, reasonCode: 'changed-mind' }],
    });
    expect(ret.status).toBe(201);
    returnId = ret.body.id!;
    const found = await waitFor(
      'the golden record',
      () => call('GET', '/v1/customers?email=ada.demo@example.com', t.operator),
      (r) => Array.isArray(r.body) && r.body.length > 0,
    );
    customerId = (found.body as unknown as { id: string }[])[0].id;
  });
  afterAll(() => stack.close());

  const owners = [
    ['partnerA', 'partnerB'],
    ['storeA', 'storeB'],
    ['shopA', 'shopB'],
  ] as const;

  it.each(owners)('GET /v1/orders/{id}: %s sees its order; %s, an unbound token and the other tenants get 404', async (owner, other) => {
    const { id } = orders[owner];
    expect((await call('GET', `/v1/orders/${id}`, t[owner])).status).toBe(200);
    for (const stranger of [other, 'unbound', ...owners.flat().filter((n) => n !== owner)]) {
      const res = await call('GET', `/v1/orders/${id}`, t[stranger]);
      expect({ stranger, status: res.status }).toEqual({ stranger, status: 404 });
      expect(res.type).toMatch(/^application\/problem\+json/);
    }
    expect((await call('GET', `/v1/orders/${id}`, t.operator)).status).toBe(200);
  });

  it.each(owners)('GET /v1/orders?source&externalId: %s finds its order; %s and an unbound token find nothing', async (owner, other) => {
    const { channel, externalId } = orders[owner];
    const path = `/v1/orders?source=${channel}&externalId=${encodeURIComponent(externalId)}`;
    expect((await call('GET', path, t[owner])).body).toHaveLength(1);
    expect((await call('GET', path, t[other])).body).toEqual([]);
    expect((await call('GET', path, t.unbound)).body).toEqual([]);
    expect((await call('GET', path, t.operator)).body).toHaveLength(1);
  });

  it('GET /v1/returns/{id}: the store that took it sees it; another store, a partner, a storefront and an unbound token get 404', async () => {
    expect((await call('GET', `/v1/returns/${returnId}`, t.storeA)).status).toBe(200);
    for (const stranger of ['storeB', 'partnerA', 'shopA', 'unbound']) {
      expect({ stranger, status: (await call('GET', `/v1/returns/${returnId}`, t[stranger])).status }).toEqual({ stranger, status: 404 });
    }
    expect((await call('GET', `/v1/returns/${returnId}`, t.operator)).status).toBe(200);
  });

  it('GET /v1/customers/{id}: a partner reads the customer of its own order; another partner gets 404', async () => {
    const own = await call('GET', `/v1/customers/${customerId}`, t.partnerA);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: customerId, email: 'ada.demo@example.com' });
    const other = await call('GET', `/v1/customers/${customerId}`, t.partnerB);
    expect(other.status).toBe(404);
    expect(other.type).toMatch(/^application\/problem\+json/);
    // A partner with no order at all, and an id that is no customer, are answered alike.
    const none = await stack.token({ sub: 'partner-c', scope: 'customers:read', partnerId: 'partner-c' });
    expect((await call('GET', `/v1/customers/${customerId}`, none)).status).toBe(404);
    expect((await call('GET', `/v1/customers/${randomUUID()}`, t.partnerA)).status).toBe(404);
    // A partner still cannot search the master by e-mail: that spans every channel.
    expect((await call('GET', '/v1/customers?email=ada.demo@example.com', t.partnerA)).body).toEqual([]);
  });

  it("GET /v1/customers/{id}: a customer only of a storefront's order is 404 to a partner", async () => {
    const web = await call('POST', '/v1/orders', t.shopA, { ...orderBody('web-grace'), customer: { email: 'grace.demo@example.com' } });
    expect(web.status).toBe(201);
    const found = await waitFor(
      'the storefront-only golden record',
      () => call('GET', '/v1/customers?email=grace.demo@example.com', t.operator),
      (r) => Array.isArray(r.body) && r.body.length > 0,
    );
    const graceId = (found.body as unknown as { id: string }[])[0].id;
    expect((await call('GET', `/v1/customers/${graceId}`, t.operator)).status).toBe(200);
    for (const partner of ['partnerA', 'partnerB'])
      expect({ partner, status: (await call('GET', `/v1/customers/${graceId}`, t[partner])).status }).toEqual({ partner, status: 404 });
  });

  it('GET /v1/customers/{id} and ?email=: without a partner binding, only customers:read:all reads golden records', async () => {
    expect((await call('GET', `/v1/customers/${customerId}`, t.operator)).status).toBe(200);
    for (const tenant of ['partnerB', 'storeB', 'shopB', 'unbound']) {
      expect({ tenant, status: (await call('GET', `/v1/customers/${customerId}`, t[tenant])).status }).toEqual({ tenant, status: 404 });
      expect((await call('GET', '/v1/customers?email=ada.demo@example.com', t[tenant])).body).toEqual([]);
    }
  });

  it("a POS token posts sales and returns only for its own store: another store's batch is a 403 problem", async () => {
    const sales = await call('POST', '/v1/pos/sales', t.storeB, sale('STORE-001', 'S-2'));
    expect(sales.status).toBe(403);
    expect(sales.type).toMatch(/^application\/problem\+json/);
    const returns = await call('POST', '/v1/pos/returns', t.storeB, {
      storeId: 'STORE-001',
      registerId: 'R1',
      returns: [
        {
          returnId: 'PR-1',
          originalSaleId: 'S-1',
          occurredAt: new Date().toISOString(),
          currency: 'USD',
          lines: [{ sku: 'CASE-LEATHER-PREM', quantity: 1, refundMinor: 2499 }],
        },
      ],
    });
    expect(returns.status).toBe(403);
    // Bound to no store (a partner, an unbound token): no POS batch at all.
    expect((await call('POST', '/v1/pos/sales', t.unbound, sale('STORE-001', 'S-3'))).status).toBe(403);
    expect((await call('POST', '/v1/pos/sales', t.partnerA, sale('STORE-001', 'S-4'))).status).toBe(403);
  });
});
