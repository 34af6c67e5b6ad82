import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigValidationError, loadConfig, parseShopifyShops } from '@weft/config';
import { isPlainObject, parseEnvJson, rawEnv } from './env-json';
import { ChannelLocations, SafetyStock } from './availability';

/** One shop's Shopify ids (exact digit strings) → Weft SKU / location. */
export interface ShopInventoryMap {
  /** The shop's domain; absent in the one-shop form, where system-api writes to its first shop. */
  shop?: string;
  items: Record<string, string>;
  locations: Record<string, string>;
}

/** Every shop's map: a SKU at a location is written to each shop that maps both. */
export interface ShopifyInventoryMap {
  shops: ShopInventoryMap[];
}

/**
 * Demo default: the inventory_levels/update sample's item (its gid keeps the exact id) is the coffee
 * table, its location the main warehouse. Real deployments set SHOPIFY_INVENTORY_MAP.
 */
export const DEFAULT_SHOPIFY_INVENTORY_MAP = '{"items":{"271878346596884015":"SKU2006-035"},"locations":{"24826418":"WH-MAIN"}}';

class InventoryEnv {
  /** JSON: safety stock per channel and location, e.g. {"storefront":{"WH-MAIN":2},"pos":{}}. */
  @IsString() INVENTORY_SAFETY_STOCK = '{}';

  /**
   * JSON: the locations each channel sells from; a channel not listed sells from every location. The
   * storefront and partners ship from the web warehouse, so a store's shelf is never promised to them.
   */
  @IsString() INVENTORY_CHANNEL_LOCATIONS = '{"storefront":["WH-MAIN"],"partner":["WH-MAIN"]}';

  /** Channels availability is computed for (comma-separated). */
  @Matches(/^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/) INVENTORY_CHANNELS = 'storefront,partner,shopify,pos';

  /** Coalescing window per SKU+location before availability is written back to a channel. */
  @IsInt() @Min(0) @Max(60000) INVENTORY_PUSH_DEBOUNCE_MS: number = 500;

  /** Re-read every projected SKU from the ERP this often (0: only on events and on demand). */
  @IsInt() @Min(0) @Max(86_400_000) INVENTORY_REFRESH_MS: number = 300_000;

  /**
   * JSON, per shop: {"shops":{"<domain>":{"items":{"<inventory_item_id>":"<sku>"},"locations":{"<location_id>":"<location>"}}}};
   * or the one-shop form {"items":{…},"locations":{…}}, written to the first shop of SHOPIFY_SHOPS.
   */
  @IsString() SHOPIFY_INVENTORY_MAP = DEFAULT_SHOPIFY_INVENTORY_MAP;
}

export class InventoryConfig {
  constructor(
    readonly safety: SafetyStock,
    readonly channels: readonly string[],
    readonly debounceMs: number,
    readonly refreshMs: number,
    readonly shopifyMap: ShopifyInventoryMap,
    readonly channelLocations: ChannelLocations = {},
  ) {}
}

export function parseSafetyStock(text: string, channels: readonly string[]): SafetyStock {
  const name = 'INVENTORY_SAFETY_STOCK';
  const raw = parseEnvJson(name, text);
  if (!isPlainObject(raw)) throw new ConfigValidationError([name], `${name}: must be an object of channels`);
  const out: SafetyStock = {};
  for (const [channel, perLocation] of Object.entries(raw)) {
    if (!channels.includes(channel))
      throw new ConfigValidationError([name], `${name}: unknown channel "${channel}" (INVENTORY_CHANNELS: ${channels.join(', ')})`);
    if (!isPlainObject(perLocation)) throw new ConfigValidationError([name], `${name}.${channel}: must be an object of locations`);
    out[channel] = {};
    for (const [location, units] of Object.entries(perLocation)) {
      if (typeof units !== 'number' || !Number.isInteger(units) || units < 0) {
        throw new ConfigValidationError([name], `${name}.${channel}.${location}: must be a whole number ≥ 0`);
      }
      out[channel][location] = units;
    }
  }
  return out;
}

export function parseChannelLocations(text: string, channels: readonly string[]): ChannelLocations {
  const name = 'INVENTORY_CHANNEL_LOCATIONS';
  const raw = parseEnvJson(name, text);
  if (!isPlainObject(raw)) throw new ConfigValidationError([name], `${name}: must be an object of channels`);
  const out: ChannelLocations = {};
  for (const [channel, locations] of Object.entries(raw)) {
    if (!channels.includes(channel))
      throw new ConfigValidationError([name], `${name}: unknown channel "${channel}" (INVENTORY_CHANNELS: ${channels.join(', ')})`);
    if (!Array.isArray(locations) || !locations.every((l) => typeof l === 'string' && l.length > 0 && l.length <= 64))
      throw new ConfigValidationError([name], `${name}.${channel}: must be a list of location ids`);
    out[channel] = [...(locations as string[])];
  }
  return out;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

function parseShopEntry(where: string, raw: unknown, shop?: string): ShopInventoryMap {
  const valid = (v: unknown): v is Record<string, string> =>
    isPlainObject(v) && Object.entries(v).every(([k, x]) => /^\d+$/.test(k) && typeof x === 'string' && x.length > 0);
  if (!isPlainObject(raw) || !valid(raw.items ?? {}) || !valid(raw.locations ?? {})) {
    throw new ConfigValidationError(
      ['SHOPIFY_INVENTORY_MAP'],
      `${where}: must be {"items":{"<digits>":"<sku>"},"locations":{"<digits>":"<location>"}}`,
    );
  }
  const entry = { items: { ...(raw.items as Record<string, string>) }, locations: { ...(raw.locations as Record<string, string>) } };
  return shop ? { shop, ...entry } : entry;
}

/**
 * The per-shop form ({"shops":{…}}) or the one-shop form of before ({"items","locations"}). `knownShops`
 * (the domains of SHOPIFY_SHOPS, when set) must hold every shop the map names, so a typo stops start-up
 * instead of silently never writing that shop's stock.
 */
export function parseShopifyInventoryMap(text: string, knownShops?: readonly string[]): ShopifyInventoryMap {
  const name = 'SHOPIFY_INVENTORY_MAP';
  const raw = parseEnvJson(name, text);
  if (!isPlainObject(raw) || raw.shops === undefined) return { shops: [parseShopEntry(name, raw)] };
  if (!isPlainObject(raw.shops) || Object.keys(raw).length !== 1) {
    throw new ConfigValidationError([name], `${name}: must be {"shops":{"<shop>.myshopify.com":{"items":{…},"locations":{…}}}}`);
  }
  return {
    shops: Object.entries(raw.shops).map(([shop, entry]) => {
      const where = `${name}.shops["${shop}"]`;
      if (!SHOP_DOMAIN.test(shop)) throw new ConfigValidationError([name], `${where}: the key must be a shop domain, <name>.myshopify.com`);
      if (knownShops && !knownShops.includes(shop)) {
        throw new ConfigValidationError([name], `${where}: shop is not in SHOPIFY_SHOPS (${knownShops.join(', ')})`);
      }
      return parseShopEntry(where, entry, shop);
    }),
  };
}

/** Validated at start-up from the same variables process-api was started with. */
export function loadInventoryConfig(config: object): InventoryConfig {
  const raw = rawEnv(config);
  const env = loadConfig(InventoryEnv, raw);
  const knownShops = raw.SHOPIFY_SHOPS ? parseShopifyShops(raw.SHOPIFY_SHOPS, 'unused-here').map((s) => s.domain) : undefined;
  const channels = env.INVENTORY_CHANNELS.split(',');
  return new InventoryConfig(
    parseSafetyStock(env.INVENTORY_SAFETY_STOCK, channels),
    channels,
    env.INVENTORY_PUSH_DEBOUNCE_MS,
    env.INVENTORY_REFRESH_MS,
    parseShopifyInventoryMap(env.SHOPIFY_INVENTORY_MAP, knownShops),
    parseChannelLocations(env.INVENTORY_CHANNEL_LOCATIONS, channels),
  );
}
