import { availableFor, channelAvailability, safetyFor } from './availability';
import { loadInventoryConfig, parseSafetyStock, parseShopifyInventoryMap } from './inventory.config';

describe('availability', () => {
  const safety = { storefront: { 'WH-MAIN': 2, '*': 1 }, pos: {} };
  it('subtracts reserved, pending and the channel safety stock, never below zero', () => {
    expect(availableFor({ onHand: 10, reserved: 3, pending: 1 }, 2)).toBe(4);
    expect(availableFor({ onHand: 1, reserved: 1, pending: 0 }, 2)).toBe(0);
  });
  it('takes the location figure, else the channel wildcard, else 0', () => {
    expect(safetyFor(safety, 'storefront', 'WH-MAIN')).toBe(2);
    expect(safetyFor(safety, 'storefront', 'STORE-001')).toBe(1);
    expect(safetyFor(safety, 'pos', 'WH-MAIN')).toBe(0);
    expect(channelAvailability({ onHand: 5, reserved: 0, pending: 0 }, safety, ['storefront', 'pos'], 'WH-MAIN')).toEqual({
      storefront: 3,
      pos: 5,
    });
  });
});

describe('inventory configuration', () => {
  const channels = ['storefront', 'pos'];
  it('rejects unknown channels, negative or fractional units and bad JSON', () => {
    expect(() => parseSafetyStock('{"web":{}}', channels)).toThrow(/unknown channel/);
    expect(() => parseSafetyStock('{"pos":{"S1":-1}}', channels)).toThrow(/whole number/);
    expect(() => parseSafetyStock('{"pos":{"S1":1.5}}', channels)).toThrow(/whole number/);
    expect(() => parseSafetyStock('nope', channels)).toThrow(/not valid JSON/);
    expect(parseSafetyStock('{"storefront":{"WH-MAIN":2},"pos":{}}', channels)).toEqual({ storefront: { 'WH-MAIN': 2 }, pos: {} });
  });
  it('requires digit ids in the Shopify map', () => {
    expect(() => parseShopifyInventoryMap('{"items":{"abc":"SKU"}}')).toThrow(/SHOPIFY_INVENTORY_MAP/);
    expect(() => parseShopifyInventoryMap('{"shops":{"a.myshopify.com":{"items":{"abc":"SKU"}}}}')).toThrow(
      /SHOPIFY_INVENTORY_MAP\.shops\["a\.myshopify\.com"\]: must be/,
    );
  });
  it('keeps the one-shop form, and takes a map per shop that must name shops of SHOPIFY_SHOPS', () => {
    expect(parseShopifyInventoryMap('{"items":{"1":"SKU"},"locations":{"2":"WH"}}')).toEqual({
      shops: [{ items: { '1': 'SKU' }, locations: { '2': 'WH' } }],
    });
    const perShop = '{"shops":{"a.myshopify.com":{"items":{"1":"SKU"},"locations":{"2":"WH"}},"b.myshopify.com":{"items":{"3":"SKU"}}}}';
    expect(parseShopifyInventoryMap(perShop, ['a.myshopify.com', 'b.myshopify.com']).shops).toEqual([
      { shop: 'a.myshopify.com', items: { '1': 'SKU' }, locations: { '2': 'WH' } },
      { shop: 'b.myshopify.com', items: { '3': 'SKU' }, locations: {} },
    ]);
    expect(() => parseShopifyInventoryMap(perShop, ['a.myshopify.com'])).toThrow(
      /SHOPIFY_INVENTORY_MAP\.shops\["b\.myshopify\.com"\]: shop is not in SHOPIFY_SHOPS \(a\.myshopify\.com\)/,
    );
    expect(() => parseShopifyInventoryMap('{"shops":{"not a shop":{}}}')).toThrow(/must be a shop domain/);
    expect(() => parseShopifyInventoryMap('{"shops":{},"items":{}}')).toThrow(/must be \{"shops"/);
  });
  it('is validated from the variables the app started with', () => {
    expect(() => loadInventoryConfig({ INVENTORY_PUSH_DEBOUNCE_MS: 'soon' })).toThrow(/INVENTORY_PUSH_DEBOUNCE_MS/);
    expect(loadInventoryConfig({}).shopifyMap.shops[0].locations['24826418']).toBe('WH-MAIN');
  });
});
