import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, shopifyOrderKey, startStack, Stack, waitFor } from '@weft/testing';

const NA = { domain: 'weft-na.myshopify.com', webhookSecrets: ['na-secret-2026', 'na-secret-2025'], region: 'NA', currency: 'USD' };
const EU = {
  domain: 'weft-eu.myshopify.com',
  webhookSecrets: ['eu-secret-2026'],
  region: 'EU',
  defaultLocationId: 'WH-MAIN',
  currency: 'EUR',
};

interface Order {
  id: string;
  externalId: string;
  locationId?: string;
}

describe('several Shopify storefronts', () => {
  let stack: Stack;
  let read: string;
  const raw = shopifyFixture('orders-create.json');
  const orderId = '820982911946177701';

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: JSON.stringify([NA, EU]),
        TRUST_PROXY: 'true',
        THROTTLE_WEBHOOKS_LIMIT: '4',
        THROTTLE_UNAUTHENTICATED_LIMIT: '5',
      },
    );
    read = await stack.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
  });
  afterAll(() => stack.close());

  const post = (shop: string | null, secret: string, address: string, eventId: string, body = paidShopifyOrder(raw, orderId)) =>
    postShopifyWebhook(stack.urls.experience, 'orders/create', body, { shop, secret, eventId, headers: { 'x-forwarded-for': address } });

  const findOrders = async (shop: string): Promise<Order[]> => {
    const res = await fetch(`${stack.urls.experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(orderId, shop)}`, {
      headers: { authorization: `Bearer ${read}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Order[];
  };

  it('keeps the same order id and event id from two shops apart: two deliveries, two orders', async () => {
    for (const [shop, address] of [
      [NA, '192.0.2.10'],
      [EU, '192.0.2.11'],
    ] as const) {
      const res = await post(shop.domain, shop.webhookSecrets[0], address, 'evt-same-id');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'accepted' });
    }
    const na = await waitFor(
      'the NA order',
      () => findOrders(NA.domain),
      (l) => l.length === 1,
    );
    const eu = await waitFor(
      'the EU order',
      () => findOrders(EU.domain),
      (l) => l.length === 1,
    );
    expect(na[0].id).not.toBe(eu[0].id);
    expect(na[0].externalId).toBe(`${NA.domain}:${orderId}`);
    expect(eu[0].externalId).toBe(`${EU.domain}:${orderId}`);
    // The same event of the same shop is still one delivery.
    expect(await (await post(NA.domain, NA.webhookSecrets[0], '192.0.2.10', 'evt-same-id')).json()).toMatchObject({ status: 'duplicate' });
  });

  it("verifies with the shop's previous secret during a rotation, and never with another shop's", async () => {
    expect((await post(NA.domain, NA.webhookSecrets[1], '192.0.2.12', 'evt-rotated')).status).toBe(200);
    const res = await post(EU.domain, NA.webhookSecrets[0], '192.0.2.12', 'evt-crossed');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers an unknown or missing shop with 401 problem+json', async () => {
    for (const shop of ['weft-unknown.myshopify.com', null]) {
      const res = await post(shop, NA.webhookSecrets[0], '192.0.2.13', `evt-unknown-${String(shop)}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 401, code: 'invalid-signature' });
    }
  });

  it("limits a flood of bad HMACs per address before any verification; the shop's budget is untouched", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(EU.domain, 'forged-secret', '198.51.100.66', `evt-junk-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const valid = await post(EU.domain, EU.webhookSecrets[0], '192.0.2.14', 'evt-after-junk', paidShopifyOrder(raw, '820982911946177811'));
    expect(valid.status).toBe(200);
    // EU has spent two of its four (the first test and this one): the junk spent nothing.
    expect(valid.headers.get('ratelimit')).toMatch(/^"webhooks";r=2;/);
  });

  it("throttles a shop on its own budget: one shop's flood does not throttle another", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await post(NA.domain, NA.webhookSecrets[0], '192.0.2.15', `evt-na-flood-${i}`, paidShopifyOrder(raw, `82098291194617780${i}`)))
          .status,
      );
    // NA spent three of its four before (a delivery, its duplicate, the rotated one): one more passes, then 429.
    expect(statuses).toEqual([200, 429, 429, 429]);
    expect(
      (await post(EU.domain, EU.webhookSecrets[0], '192.0.2.15', 'evt-eu-still-fine', paidShopifyOrder(raw, '820982911946177810'))).status,
    ).toBe(200);
  });
});
