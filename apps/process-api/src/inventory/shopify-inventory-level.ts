import { idString } from '../intake/lossless-json';
import { ShopifyInventoryMap } from './inventory.config';

export interface ShopifyInventoryLevel {
  inventoryItemId: string;
  shopifyLocationId: string;
  /** null when Shopify sent no figure (untracked, or `available: null`). */
  available: number | null;
  sku?: string;
  locationId?: string;
}

/**
 * inventory_levels/update (parsed losslessly) → Weft SKU and location. The gid
 * (gid://shopify/InventoryLevel/<location>?inventory_item_id=<item>) keeps the exact item id even
 * where the numeric field was rounded by a JSON number collector, so it wins.
 */
export function mapShopifyInventoryLevel(p: Record<string, unknown>, map: ShopifyInventoryMap): ShopifyInventoryLevel | undefined {
  const gid =
    typeof p.admin_graphql_api_id === 'string'
      ? /^gid:\/\/shopify\/InventoryLevel\/(\d+)\?inventory_item_id=(\d+)$/.exec(p.admin_graphql_api_id)
      : null;
  const inventoryItemId = gid?.[2] ?? idString(p.inventory_item_id);
  const shopifyLocationId = gid?.[1] ?? idString(p.location_id);
  if (!inventoryItemId || !shopifyLocationId) return undefined;
  const available = typeof p.available === 'number' && Number.isFinite(p.available) ? p.available : null;
  // Shopify ids are global, so the shop whose map holds both ids is the one that reported it.
  const shop = map.shops.find((s) => s.items[inventoryItemId] && s.locations[shopifyLocationId]) ?? map.shops[0];
  return {
    inventoryItemId,
    shopifyLocationId,
    available,
    sku: shop?.items[inventoryItemId],
    locationId: shop?.locations[shopifyLocationId],
  };
}

export interface ShopifyInventoryTarget {
  /** Absent in the one-shop form of the map. */
  shop?: string;
  inventoryItemId: string;
  shopifyLocationId: string;
}

/** Where a Weft SKU and location are written: each shop that maps both, with that shop's ids. */
export function shopifyTargetsFor(map: ShopifyInventoryMap, sku: string, locationId: string): ShopifyInventoryTarget[] {
  const out: ShopifyInventoryTarget[] = [];
  for (const s of map.shops) {
    const inventoryItemId = Object.keys(s.items).find((k) => s.items[k] === sku);
    const shopifyLocationId = Object.keys(s.locations).find((k) => s.locations[k] === locationId);
    if (inventoryItemId && shopifyLocationId)
      out.push(s.shop ? { shop: s.shop, inventoryItemId, shopifyLocationId } : { inventoryItemId, shopifyLocationId });
  }
  return out;
}
