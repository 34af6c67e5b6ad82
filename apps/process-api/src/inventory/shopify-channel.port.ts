/** What Weft writes to Shopify: through system-api's Admin API client, or (tests, embedded) the reference adapter. */
export const SHOPIFY_CHANNEL_PORT = Symbol('SHOPIFY_CHANNEL_PORT');

export interface ChannelAvailabilityWrite {
  /** The shop written to; absent: system-api's first shop (the one-shop map). */
  shop?: string;
  sku: string;
  locationId: string;
  inventoryItemId: string;
  shopifyLocationId: string;
  available: number;
  /** Why: "availability changed", "drift correction", … */
  reason: string;
}

export interface ShopifyChannelPort {
  /** Sets (not adjusts) the available quantity, as inventorySetQuantities does: repeating it is harmless. */
  setAvailable(write: ChannelAvailabilityWrite): Promise<void>;
}
