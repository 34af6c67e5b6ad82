import { randomInt } from 'node:crypto';
import { paidShopifyOrder, shopifyFixture, signShopify } from '@weft/testing';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const PLACEHOLDER = '987654321987654321';

/** One HTTP answer (or a network error, status 0), at `t` ms after the burst started. */
export interface Answer {
  t: number;
  kind: 'webhook' | 'storefront';
  status: number;
}

export interface Delivery {
  orderId: string;
  headers: Record<string, string>;
  body: string;
  /** `redelivery`: the same delivery again (same webhook and event id); `resent`: a new event for an order already sent. */
  duplicate?: 'redelivery' | 'resent';
}

export interface StorefrontAttempt {
  key: string;
  status: number;
  orderId?: string;
}

/** Fisher-Yates with the CSPRNG, so each run's order of arrival differs. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Paid `orders/paid` deliveries derived from test/fixtures/shopify/orders-create.json (as the e2e tests
 * derive them), one per unique order, plus `duplicateShare` of them sent again: half as redeliveries of
 * the same delivery, half as a second event of the same order. Shuffled.
 */
export function webhookDeliveries(orders: number, duplicateShare: number, secret: string, shop: string): Delivery[] {
  const template = paidShopifyOrder(shopifyFixture('orders-create.json'), PLACEHOLDER);
  const make = (orderId: string, n: string): Delivery => {
    const body = template.split(PLACEHOLDER).join(orderId);
    return {
      orderId,
      body,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': 'orders/paid',
        'x-shopify-hmac-sha256': signShopify(body, secret),
        'x-shopify-shop-domain': shop,
        'x-shopify-api-version': '2026-04',
        'x-shopify-webhook-id': `wh-${orderId}-${n}`,
        'x-shopify-event-id': `evt-${orderId}-${n}`,
        'x-shopify-triggered-at': new Date().toISOString(),
      },
    };
  };
  const unique = Array.from({ length: orders }, (_, i) => make(`4${String(i).padStart(17, '0')}`, '1'));
  const dupes = Math.round(orders * duplicateShare);
  const extra: Delivery[] = [];
  for (let i = 0; i < dupes; i++) {
    const original = unique[randomInt(orders)];
    extra.push(i % 2 === 0 ? { ...original, duplicate: 'redelivery' } : { ...make(original.orderId, `r${i}`), duplicate: 'resent' });
  }
  return shuffle([...unique, ...extra]);
}

export interface LoadPlan {
  edgeUrl: string;
  deliveries: Delivery[];
  storefrontKeys: string[];
  /** Keys posted a second time after their first answer, as a checkout that did not see the answer. */
  storefrontRetried: Set<string>;
  storefrontToken: () => Promise<string>;
  burstSeconds: number;
  /** Resolves at planned second `p` of the burst (the fault clock: it stretches when a recovery is slow). */
  until: (p: number) => Promise<void>;
  concurrency: number;
  /** Redelivery of a failed attempt stops after this; the order then counts as lost. */
  giveUpAt: number;
}

export interface LoadResult {
  answers: Answer[];
  storefront: StorefrontAttempt[];
  /** Deliveries that never got a 2xx before `giveUpAt`. */
  undelivered: Delivery[];
  /** Storefront keys that never got a 201 before `giveUpAt`. */
  storefrontUnplaced: string[];
  sentAt: { first: number; last: number };
}

type Item = { kind: 'webhook'; d: Delivery } | { kind: 'storefront'; key: string };

const STOREFRONT_BODY = JSON.stringify({
  currency: 'USD',
  paymentStatus: 'paid',
  lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }],
});

/**
 * Sends the plan at an even pace over the `burstSeconds` of the fault plan with at most `concurrency` requests in flight, and
 * retries what did not get through as the senders do: Shopify redelivers a webhook that got no 2xx; a
 * checkout posts again with the same Idempotency-Key. Every answer is kept with its time.
 */
export async function runLoad(plan: LoadPlan, t0: number): Promise<LoadResult> {
  const items: Item[] = shuffle([
    ...plan.deliveries.map((d): Item => ({ kind: 'webhook', d })),
    ...plan.storefrontKeys.map((key): Item => ({ kind: 'storefront', key })),
    ...[...plan.storefrontRetried].map((key): Item => ({ kind: 'storefront', key })),
  ]);
  const answers: Answer[] = [];
  const storefront: StorefrontAttempt[] = [];
  const undelivered: Delivery[] = [];
  const unplaced = new Set<string>();
  const interval = plan.burstSeconds / Math.max(1, items.length);
  let next = 0;
  let last = 0;
  const now = (): number => Date.now() - t0;
  /** A storefront key is never in flight twice (a second click waits for the first answer). */
  const keyBusy = new Map<string, Promise<void>>();

  const post = async (
    kind: Answer['kind'],
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; json?: unknown }> => {
    let status = 0;
    let json: unknown;
    try {
      const res = await fetch(`${plan.edgeUrl}${path}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
      status = res.status;
      json = await res.json().catch(() => undefined);
    } catch {
      status = 0;
    }
    answers.push({ t: now(), kind, status });
    return { status, json };
  };

  const sendWebhook = async (d: Delivery): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      const { status } = await post('webhook', '/v1/webhooks/shopify', d.headers, d.body);
      if (status >= 200 && status < 300) return;
      // A 4xx other than 429 is the sender's fault: Shopify would not get further by sending it again.
      if ((status >= 400 && status < 500 && status !== 429) || Date.now() > plan.giveUpAt) {
        undelivered.push(d);
        return;
      }
      await sleep(Math.min(10_000, 500 * 2 ** attempt));
    }
  };

  const placeOrder = async (key: string): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      const token = await plan.storefrontToken();
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `"${key}"` };
      const { status, json } = await post('storefront', '/v1/orders', headers, STOREFRONT_BODY);
      const orderId = status === 201 || status === 200 ? (json as { id?: string } | undefined)?.id : undefined;
      storefront.push({ key, status, orderId });
      if (orderId) {
        unplaced.delete(key);
        return;
      }
      if ((status >= 400 && status < 500 && status !== 429 && status !== 409) || Date.now() > plan.giveUpAt) {
        unplaced.add(key);
        return;
      }
      unplaced.add(key);
      await sleep(Math.min(10_000, 1000 * 2 ** attempt));
    }
  };

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await plan.until(i * interval);
      const item = items[i];
      if (item.kind === 'webhook') await sendWebhook(item.d);
      else {
        // A checkout retrying through an outage must not hold back the webhooks: it runs beside the workers,
        // a quarter of the concurrency at most.
        while (storefrontInFlight >= storefrontCap) await sleep(50);
        storefrontInFlight++;
        const before = keyBusy.get(item.key) ?? Promise.resolve();
        const mine = before.then(() => placeOrder(item.key)).finally(() => storefrontInFlight--);
        keyBusy.set(item.key, mine);
        checkouts.push(mine);
      }
      last = now();
    }
  };
  const checkouts: Promise<void>[] = [];
  let storefrontInFlight = 0;
  const storefrontCap = Math.max(1, Math.floor(plan.concurrency / 4));
  await Promise.all(Array.from({ length: plan.concurrency }, () => worker()));
  await Promise.all(checkouts);
  return { answers, storefront, undelivered, storefrontUnplaced: [...unplaced], sentAt: { first: 0, last } };
}
