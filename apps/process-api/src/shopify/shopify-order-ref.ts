const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * The Shopify order behind a Weft business key: `shopify:<orderId>`, or with the shop in it
 * (`shopify:<shop>:<orderId>`) once intake keys orders per shop. Not a Shopify order: undefined.
 */
export function shopifyOrderRef(businessKey: string): { shop?: string; orderId: string } | undefined {
  const parts = businessKey.split(':');
  if (parts[0] !== 'shopify' || parts.length < 2) return undefined;
  const orderId = parts[parts.length - 1];
  if (!/^\d{1,20}$/.test(orderId)) return undefined;
  const shop = parts.slice(1, -1).find((p) => SHOP.test(p));
  return shop ? { shop, orderId } : { orderId };
}
