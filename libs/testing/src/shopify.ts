import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DEV_SHOPIFY_SECRET = 'weft-dev-shopify-secret';
/** The shop of a one-shop setup (SHOPIFY_SHOP_DOMAIN's default): business keys are `shopify:<this>:<order id>`. */
export const DEV_SHOP_DOMAIN = 'weft-dev.myshopify.com';

/** The external id Weft gives a Shopify order of `shop`. */
export function shopifyOrderKey(orderId: string, shop = DEV_SHOP_DOMAIN): string {
  return `${shop}:${orderId}`;
}

/**
 * The repository's own copies of third-party payloads (test/fixtures/README.md names each source), found
 * from the repository root so that compiled copies (the bench's build cache) find them too.
 */
export function fixturesDir(): string {
  if (process.env.WEFT_FIXTURES_DIR) return process.env.WEFT_FIXTURES_DIR;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return join(dir, 'test', 'fixtures');
  }
  throw new Error(`no repository root (nest-cli.json) above ${__dirname}`);
}

export function shopifyFixture(name: string): string {
  return readFileSync(join(fixturesDir(), 'shopify', name), 'utf8');
}

/**
 * The orders/create sample is a voided, cancelled order; tests that need a live paid order derive it
 * here by editing the raw text (so 18-digit numbers stay JSON numbers, exactly as Shopify sends them).
 */
export function paidShopifyOrder(
  raw: string,
  orderId: string,
  financialStatus = 'paid',
  updatedAt = new Date(Date.now() - 3_600_000).toISOString(),
  createdAt = new Date(Date.now() - 7_200_000).toISOString(),
): string {
  return raw
    .replace(/"id": 820982911946154500,/, `"id": ${orderId},`)
    .replace('gid://shopify/Order/820982911946154508', `gid://shopify/Order/${orderId}`)
    .replace(/"financial_status": "voided"/, `"financial_status": "${financialStatus}"`)
    .replace(/"cancelled_at": "[^"]*"/, '"cancelled_at": null')
    .replace(/"cancel_reason": "[^"]*"/, '"cancel_reason": null')
    .replace(/"updated_at": "[^"]*"/, `"updated_at": "${updatedAt}"`)
    .replace(/"created_at": "[^"]*"/, `"created_at": "${createdAt}"`);
}

export function signShopify(body: string, secret = DEV_SHOPIFY_SECRET): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

export async function postShopifyWebhook(
  baseUrl: string,
  topic: string,
  body: string,
  options: {
    eventId?: string;
    webhookId?: string;
    secret?: string;
    hmac?: string;
    shop?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  return fetch(`${baseUrl}/v1/webhooks/shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': options.hmac ?? signShopify(body, options.secret),
      ...(options.shop === null ? {} : { 'x-shopify-shop-domain': options.shop ?? DEV_SHOP_DOMAIN }),
      'x-shopify-api-version': '2026-04',
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      ...(options.eventId ? { 'x-shopify-event-id': options.eventId } : {}),
      'x-shopify-triggered-at': new Date().toISOString(),
      ...options.headers,
    },
    body,
  });
}

/** Polls until `check` returns a value, or fails with the last value seen. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await probe();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
}
