import { createHmac, timingSafeEqual } from 'node:crypto';

/** X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(secret, raw body)), compared in constant time. */
export function verifyShopifyHmac(rawBody: string, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function signShopifyBody(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
}
