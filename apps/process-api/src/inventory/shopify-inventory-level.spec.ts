import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '@weft/testing';
import { parseLossless } from '../intake/lossless-json';
import { parseShopifyInventoryMap } from './inventory.config';
import { mapShopifyInventoryLevel, shopifyIdsFor } from './shopify-inventory-level';

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
    expect(shopifyIdsFor(map, 'SKU2006-035', 'WH-MAIN')).toEqual({ inventoryItemId: '271878346596884015', shopifyLocationId: '24826418' });
    expect(shopifyIdsFor(map, 'SKU2006-035', 'STORE-001')).toBeUndefined();
  });
});
