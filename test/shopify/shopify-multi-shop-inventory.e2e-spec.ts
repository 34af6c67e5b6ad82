import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { LocalShopifyAdmin, startStack, Stack, waitFor } from '@weft/testing';

const MAIN = 'weft-main.myshopify.com';
const OUTLET = 'weft-outlet.myshopify.com';
const item = (id: number) => `gid://shopify/InventoryItem/${id}`;
const location = (id: number) => `gid://shopify/Location/${id}`;

/**
 * A retailer with several shops: SHOPIFY_INVENTORY_MAP per shop, so one stock change is written to
 * every shop selling the SKU with that shop's own ids, through that shop's own Admin API client.
 */
describe('Shopify inventory write-back to several shops (per-shop SHOPIFY_INVENTORY_MAP)', () => {
  const shopify = new LocalShopifyAdmin({ maximumAvailable: 1000, restoreRate: 100 });
  let stack: Stack;

  beforeAll(async () => {
    await shopify.start();
    // Each shop with its own token and Admin URL on the local server, so each is reached through its own client.
    const shops = [MAIN, OUTLET].flatMap((domain) =>
      JSON.parse(shopify.shopsEnv(domain, `shpat_${domain.split('.')[0]}`, ['test-webhook-secret'])),
    ) as unknown[];
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        SHOPIFY_SHOPS: JSON.stringify(shops),
        SHOPIFY_CATCH_UP_INTERVAL_MS: '0',
        DOWNSTREAM_TIMEOUT_MS: '30000',
        INVENTORY_PUSH_DEBOUNCE_MS: '200',
        SHOPIFY_INVENTORY_MAP: JSON.stringify({
          shops: {
            [MAIN]: { items: { '1001': 'CASE-LEATHER-PREM', '1003': 'WEFT-TEE-BLK-M' }, locations: { '2002': 'STORE-001' } },
            [OUTLET]: { items: { '7001': 'CASE-LEATHER-PREM' }, locations: { '8002': 'STORE-001' } },
          },
        }),
      },
    );
  });
  afterAll(async () => {
    await stack?.close();
    await shopify.stop();
  });

  const sell = async (sku: string, saleId: string) => {
    const pos = await stack.token({ sub: 'register', scope: 'pos:write', claims: { store_id: 'STORE-001' } });
    const res = await fetch(`${stack.urls.experience}/v1/pos/sales`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pos}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        storeId: 'STORE-001',
        registerId: 'R1',
        sales: [
          {
            saleId,
            occurredAt: new Date().toISOString(),
            currency: 'USD',
            lines: [{ sku, quantity: 1, unitPriceMinor: 2499 }],
            tenders: [{ type: 'card', amountMinor: 2499 }],
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
  };
  let lastInventoryStatus = '';
  afterEach(() => {
    if (lastInventoryStatus) console.log(`last non-200 inventory read: ${lastInventoryStatus}`);
    lastInventoryStatus = '';
  });
  const shopifyFigure = async (sku: string): Promise<number | undefined> => {
    const read = await stack.token({ sub: 'storefront', scope: 'inventory:read' });
    const res = await fetch(`${stack.urls.experience}/v1/inventory/${sku}`, { headers: { authorization: `Bearer ${read}` } });
    // The projection may not hold the SKU yet (or a layer is still warming up): polled again by waitFor.
    if (res.status !== 200) {
      lastInventoryStatus = `${res.status} ${await res.text()}`.slice(0, 300);
      return undefined;
    }
    const inv = (await res.json()) as { locations: { locationId: string; channels: Record<string, number> }[] };
    return inv.locations.find((l) => l.locationId === 'STORE-001')?.channels.shopify;
  };
  const writesIn = (domain: string) => shopify.shop(domain).inventoryWrites;
  const callsTo = (domain: string) => shopify.calls.filter((c) => c.shop === domain && c.operation === 'inventorySetQuantities');

  it('one stock change of a SKU both shops sell is one write in each shop, with that shop’s own item and location', async () => {
    await sell('CASE-LEATHER-PREM', 'multi-shop-1');
    const settled = await waitFor(
      'both shops hold Weft’s figure',
      async () => ({
        weft: await shopifyFigure('CASE-LEATHER-PREM'),
        main: shopify.shop(MAIN).inventory.get(`${item(1001)}|${location(2002)}`),
        outlet: shopify.shop(OUTLET).inventory.get(`${item(7001)}|${location(8002)}`),
      }),
      (s) => s.weft !== undefined && s.main === s.weft && s.outlet === s.weft,
    );
    // Each shop got its own item and location and ends on Weft's figure. How many writes it took is the
    // coalescing tests' business: the sale's hold and the ERP's settled figure may land in two windows.
    for (const [shop, it, loc] of [
      [MAIN, item(1001), location(2002)],
      [OUTLET, item(7001), location(8002)],
    ]) {
      const writes = writesIn(shop);
      expect(writes.length).toBeGreaterThan(0);
      expect(writes.every((w) => w.item === it && w.location === loc)).toBe(true);
      expect(writes.at(-1)).toEqual({ item: it, location: loc, quantity: settled.weft, key: expect.any(String) });
      // Each shop was called through its own client: its own URL and token, its own calls.
      expect(callsTo(shop).filter((c) => !c.throttled).length).toBeGreaterThan(0);
    }
    // Weft's own record of the write-backs says which shop each went to.
    const ops = await stack.serviceToken({ audience: 'process-api', scope: 'process:read' });
    const res = await fetch(`${stack.urls.process}/v1/channel-inventory-writes?sku=CASE-LEATHER-PREM`, {
      headers: { authorization: `Bearer ${ops}` },
    });
    const rows = (await res.json()) as { shop: string | null; channelItemId: string; status: string }[];
    const written = rows.filter((r) => r.status === 'written').map((r) => [r.shop, r.channelItemId]);
    expect(written).toEqual(
      expect.arrayContaining([
        [MAIN, expect.stringMatching(/1001$/)],
        [OUTLET, expect.stringMatching(/7001$/)],
      ]),
    );
    expect(written.every(([shop, id]) => (shop === MAIN ? /1001$/ : /7001$/).test(id ?? ''))).toBe(true);
  });

  it('a SKU only one shop sells is written to that shop only', async () => {
    await sell('WEFT-TEE-BLK-M', 'multi-shop-2');
    const settled = await waitFor(
      'the main shop holds Weft’s figure for the tee',
      async () => ({
        weft: await shopifyFigure('WEFT-TEE-BLK-M'),
        main: shopify.shop(MAIN).inventory.get(`${item(1003)}|${location(2002)}`),
      }),
      (s) => s.weft !== undefined && s.main === s.weft,
    );
    // The main shop's writes for the tee end on Weft's figure (a refresh may have written the figure before
    // the sale first: how many writes there are is the coalescing tests' business, not this one's).
    const teeWrites = writesIn(MAIN).filter((w) => w.item === item(1003));
    expect(teeWrites.length).toBeGreaterThan(0);
    expect(teeWrites.every((w) => w.location === location(2002))).toBe(true);
    expect(teeWrites[teeWrites.length - 1]).toEqual({
      item: item(1003),
      location: location(2002),
      quantity: settled.weft,
      key: expect.any(String),
    });
    // The outlet does not sell the tee: whatever it was written (the case's figure), never the tee.
    expect(writesIn(OUTLET).every((w) => w.item === item(7001))).toBe(true);
  });
});
