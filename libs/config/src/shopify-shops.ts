import { existsSync, readFileSync } from 'node:fs';
import { ConfigValidationError } from './env.validation';

/**
 * One Shopify shop Weft serves. experience-api verifies webhooks with `webhookSecrets` (the current
 * secret first; during a rotation the previous one verifies too); system-api writes back to the shop's
 * Admin API with `adminAccessToken` at `adminApiUrl` (default: the shop's own Admin GraphQL URL).
 */
export interface ShopifyShop {
  /** `<name>.myshopify.com`, as Shopify sends it in X-Shopify-Shop-Domain. */
  domain: string;
  webhookSecrets: string[];
  region?: string;
  defaultLocationId?: string;
  currency?: string;
  adminAccessToken?: string;
  adminApiUrl?: string;
}

const DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * Reads SHOPIFY_SHOPS: JSON text, or the path of a JSON file, holding a list of shops. Absent, a single
 * shop is made from SHOPIFY_SHOP_DOMAIN (default `weft-dev.myshopify.com`) and `fallbackSecret`, so a
 * one-shop setup stays one variable.
 */
export function parseShopifyShops(
  value: string | undefined,
  fallbackSecret: string,
  fallbackDomain = 'weft-dev.myshopify.com',
): ShopifyShop[] {
  if (!value) return [{ domain: fallbackDomain, webhookSecrets: [fallbackSecret] }];
  const text = value.trim().startsWith('[') ? value : existsSync(value) ? readFileSync(value, 'utf8') : value;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigValidationError(['SHOPIFY_SHOPS'], 'SHOPIFY_SHOPS: must be a JSON list of shops or the path of a JSON file');
  }
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigValidationError(['SHOPIFY_SHOPS'], 'SHOPIFY_SHOPS: must list at least one shop');
  }
  const seen = new Set<string>();
  return raw.map((entry: unknown, i) => {
    const shop = entry as Partial<ShopifyShop>;
    const where = `SHOPIFY_SHOPS[${i}]`;
    if (typeof shop?.domain !== 'string' || !DOMAIN.test(shop.domain)) {
      throw new ConfigValidationError(['SHOPIFY_SHOPS'], `${where}.domain: must be <name>.myshopify.com`);
    }
    if (seen.has(shop.domain)) throw new ConfigValidationError(['SHOPIFY_SHOPS'], `${where}.domain: ${shop.domain} is listed twice`);
    seen.add(shop.domain);
    const secrets = shop.webhookSecrets;
    if (!Array.isArray(secrets) || secrets.length < 1 || secrets.length > 2 || secrets.some((s) => typeof s !== 'string' || s.length < 8)) {
      throw new ConfigValidationError(
        ['SHOPIFY_SHOPS'],
        `${where}.webhookSecrets: one or two secrets (current, previous), each 8+ characters`,
      );
    }
    if (shop.adminAccessToken !== undefined && (typeof shop.adminAccessToken !== 'string' || shop.adminAccessToken.length < 8)) {
      throw new ConfigValidationError(
        ['SHOPIFY_SHOPS'],
        `${where}.adminAccessToken: the custom app's Admin API access token (8+ characters)`,
      );
    }
    if (shop.adminApiUrl !== undefined && (typeof shop.adminApiUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(shop.adminApiUrl))) {
      throw new ConfigValidationError(['SHOPIFY_SHOPS'], `${where}.adminApiUrl: must be an http(s) URL`);
    }
    return { ...shop, domain: shop.domain, webhookSecrets: secrets };
  });
}

/** Where a shop's Admin GraphQL API answers: its override, else Shopify's URL for the shop and version. */
export function shopifyAdminGraphqlUrl(shop: Pick<ShopifyShop, 'domain' | 'adminApiUrl'>, apiVersion: string): string {
  return shop.adminApiUrl ?? `https://${shop.domain}/admin/api/${apiVersion}/graphql.json`;
}

/**
 * The shop a webhook claims to come from (X-Shopify-Shop-Domain). Only a one-shop setup may leave the
 * header out; otherwise an absent or unlisted domain is no shop, and the caller answers 401.
 */
export function shopFor(shops: readonly ShopifyShop[], headerDomain: string | undefined): ShopifyShop | undefined {
  if (!headerDomain) return shops.length === 1 ? shops[0] : undefined;
  const domain = headerDomain.trim().toLowerCase();
  return shops.find((s) => s.domain === domain);
}
