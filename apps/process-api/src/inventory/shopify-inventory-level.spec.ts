import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '@weft/testing';
import { parseLossless } from '../intake/lossless-json';
import { parseShopifyInventoryMap } from './inventory.config';
import { mapShopifyInventoryLevel, shopifyTargetsFor } from './shopify-inventory-level';

describe('mapShopifyInventoryLevel', () => {
  const map = parseShopifyInventoryMap('{"items":{"271878346596884015":"SKU2006-035"},"locations":{"24826418":"WH-MAIN"}}');
  it('takes the exact item id from the gid of the fixture (the number field was rounded) and maps it', () => {
    const raw = readFileSync(join(fixturesDir(), 'shopify', 'inventory-levels-update.json'), 'utf8');
    expect(mapShopifyInventoryLevel(parseLossless(raw) as Record<string, unknown>, map)).toEqual({
      inventoryItemId: '271878346596884015',
      shopifyLocationId: '24826418',
      available: null,
      sku: 'SKU2006-035',
      locationId: 'WH-MAIN',
    });
  });
  it('keeps a big numeric id without a gid as its exact digits', () => {
    const level = mapShopifyInventoryLevel(
      parseLossless('{"inventory_item_id": 271878346596884015, "location_id": 24826418, "available": 3}') as Record<string, unknown>,
      map,
    );
    expect(level).toMatchObject({ inventoryItemId: '271878346596884015', available: 3, sku: 'SKU2006-035' });
  });
  it('finds the Shopify ids of a SKU and location', () => {
    expect(shopifyTargetsFor(map, 'SKU2006-035', 'WH-MAIN')).toEqual([
      { inventoryItemId: '271878346596884015', shopifyLocationId: '24826418' },
    ]);
    expect(shopifyTargetsFor(map, 'SKU2006-035', 'STORE-001')).toEqual([]);
  });
  it('finds every shop that sells a SKU at a location, each with its own ids, and maps a level by the shop holding its ids', () => {
    const perShop = parseShopifyInventoryMap(
      '{"shops":{"a.myshopify.com":{"items":{"1":"S","2":"T"},"locations":{"9":"WH"}},"b.myshopify.com":{"items":{"5":"S"},"locations":{"8":"WH"}}}}',
    );
    expect(shopifyTargetsFor(perShop, 'S', 'WH')).toEqual([
      { shop: 'a.myshopify.com', inventoryItemId: '1', shopifyLocationId: '9' },
      { shop: 'b.myshopify.com', inventoryItemId: '5', shopifyLocationId: '8' },
    ]);
    expect(shopifyTargetsFor(perShop, 'T', 'WH')).toEqual([{ shop: 'a.myshopify.com', inventoryItemId: '2', shopifyLocationId: '9' }]);
    expect(mapShopifyInventoryLevel({ inventory_item_id: '5', location_id: '8', available: 1 }, perShop)).toMatchObject({
      sku: 'S',
      locationId: 'WH',
    });
  });
});
