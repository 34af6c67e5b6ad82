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
  return { inventoryItemId, shopifyLocationId, available, sku: map.items[inventoryItemId], locationId: map.locations[shopifyLocationId] };
}

/** The Shopify ids of a Weft SKU and location, when both are mapped. */
export function shopifyIdsFor(
  map: ShopifyInventoryMap,
  sku: string,
  locationId: string,
): { inventoryItemId: string; shopifyLocationId: string } | undefined {
  const inventoryItemId = Object.keys(map.items).find((k) => map.items[k] === sku);
  const shopifyLocationId = Object.keys(map.locations).find((k) => map.locations[k] === locationId);
  return inventoryItemId && shopifyLocationId ? { inventoryItemId, shopifyLocationId } : undefined;
}
