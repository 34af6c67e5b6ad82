import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from './env.validation';
import { parseShopifyShops, shopFor } from './shopify-shops';

const NA = { domain: 'weft-na.myshopify.com', webhookSecrets: ['na-current-secret', 'na-previous-secret'], region: 'NA', currency: 'USD' };
const EU = {
  domain: 'weft-eu.myshopify.com',
  webhookSecrets: ['eu-current-secret'],
  region: 'EU',
  defaultLocationId: 'WH-EU',
  currency: 'EUR',
};

function failure(value: string): string {
  try {
    parseShopifyShops(value, 'fallback-secret');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    expect((e as ConfigValidationError).variables).toEqual(['SHOPIFY_SHOPS']);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('SHOPIFY_SHOPS', () => {
  it('absent: one shop from the single secret and domain, as a one-shop setup always was', () => {
    expect(parseShopifyShops(undefined, 'only-secret')).toEqual([{ domain: 'weft-dev.myshopify.com', webhookSecrets: ['only-secret'] }]);
    expect(parseShopifyShops('', 'only-secret', 'acme.myshopify.com')[0].domain).toBe('acme.myshopify.com');
  });

  it('reads a JSON list with region, default location, currency and a previous secret during rotation', () => {
    const shops = parseShopifyShops(JSON.stringify([NA, EU]), 'ignored');
    expect(shops).toEqual([NA, EU]);
  });

  it('reads the list from a file path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'weft-shops-')), 'shops.json');
    writeFileSync(file, JSON.stringify([EU]));
    expect(parseShopifyShops(file, 'ignored')).toEqual([EU]);
  });

  it('refuses what is not a usable list, naming the entry', () => {
    expect(failure('not json')).toMatch(/JSON list/);
    expect(failure('[]')).toMatch(/at least one shop/);
    expect(failure(JSON.stringify([{ ...NA, domain: 'weft-na.example.com' }]))).toMatch(/SHOPIFY_SHOPS\[0\]\.domain/);
    expect(failure(JSON.stringify([NA, NA]))).toMatch(/listed twice/);
    expect(failure(JSON.stringify([{ ...EU, webhookSecrets: [] }]))).toMatch(/SHOPIFY_SHOPS\[0\]\.webhookSecrets/);
    expect(failure(JSON.stringify([{ ...EU, webhookSecrets: ['a', 'b', 'c'].map((s) => s.repeat(8)) }]))).toMatch(/one or two secrets/);
    expect(failure(JSON.stringify([{ ...EU, webhookSecrets: ['short'] }]))).toMatch(/8\+ characters/);
  });

  it('finds the shop of X-Shopify-Shop-Domain; only a one-shop setup may omit the header', () => {
    const shops = parseShopifyShops(JSON.stringify([NA, EU]), 'ignored');
    expect(shopFor(shops, 'weft-eu.myshopify.com')?.region).toBe('EU');
    expect(shopFor(shops, 'WEFT-NA.myshopify.com')?.region).toBe('NA');
    expect(shopFor(shops, 'other.myshopify.com')).toBeUndefined();
    expect(shopFor(shops, undefined)).toBeUndefined();
    expect(shopFor([EU], undefined)?.domain).toBe(EU.domain);
  });
});
