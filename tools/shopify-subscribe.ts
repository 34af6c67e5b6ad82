import { parseArgs } from 'node:util';
import { LayerClient } from '@weft/clients';
import { SHOPIFY_WEBHOOK_TOPICS } from '@weft/events';
import { fail, layerClient } from './shopify-cli';

interface Subscription {
  id: string;
  topic: string;
  uri: string;
  format: string;
}

/** `orders/create` → `ORDERS_CREATE`, the WebhookSubscriptionTopic enum value. */
export const topicEnum = (topic: string): string => topic.replace('/', '_').toUpperCase();

/** The topics experience-api forwards into Weft, as WebhookSubscriptionTopic values. */
export const REQUIRED_TOPICS = SHOPIFY_WEBHOOK_TOPICS.map(topicEnum).sort();

/** Registers each required topic the shop does not yet send to `address`; returns what is registered. */
export async function subscribeShop(
  system: LayerClient,
  shop: string,
  address: string | undefined,
  log: (line: string) => void = () => undefined,
): Promise<{ registered: Subscription[]; missing: string[] }> {
  const list = () => system.get<Subscription[]>('/v1/shopify/webhook-subscriptions', { query: { shop } });
  if (address) {
    const have = new Set((await list()).filter((s) => s.uri === address).map((s) => s.topic));
    for (const topic of REQUIRED_TOPICS.filter((t) => !have.has(t))) {
      await system.post('/v1/shopify/webhook-subscriptions', { shop, topic, uri: address });
      log(`subscribed ${topic}`);
    }
  }
  const registered = await list();
  return { registered, missing: REQUIRED_TOPICS.filter((t) => !registered.some((s) => s.topic === t)) };
}

/**
 * `npm run shopify:subscribe -- --shop <name>.myshopify.com --address https://<edge>/v1/webhooks/shopify`
 * registers (webhookSubscriptionCreate) each topic Weft needs that the shop does not send yet, then
 * lists what is registered. `--list` only lists.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { shop: { type: 'string' }, address: { type: 'string' }, list: { type: 'boolean', default: false } },
  });
  if (!values.shop || (!values.list && !values.address)) {
    fail('usage: npm run shopify:subscribe -- --shop <name>.myshopify.com (--address https://<edge>/v1/webhooks/shopify | --list)', 64);
  }
  if (values.address && !/^https:\/\//.test(values.address)) fail('--address must be an https:// URL (Shopify delivers to HTTPS only)', 64);
  const { registered, missing } = await subscribeShop(layerClient('system'), values.shop, values.list ? undefined : values.address, (l) =>
    process.stderr.write(`${l}\n`),
  );
  for (const s of registered) process.stdout.write(`${s.topic.padEnd(28)} ${s.format.padEnd(5)} ${s.uri}\n`);
  if (missing.length) process.stdout.write(`not registered: ${missing.join(', ')}\n`);
}

if (require.main === module) void main().catch((e: unknown) => fail(`subscribe failed: ${(e as Error).message}`));
