import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cloudEvent } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { ShopifyInboxRecord } from '../apps/experience-api/src/webhooks/shopify-inbox.entity';
import { SHOPIFY_SOURCE, SHOPIFY_WEBHOOK_EVENT } from '../apps/experience-api/src/webhooks/shopify-webhook.service';
import { ShopifyDeliveries } from './lib/shopify';

export interface RawInsertResult {
  inserts: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  concurrency: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
}

/**
 * The physical limit of the webhook's durable write: the same shopify_inbox row and outbox row, in one
 * transaction, through experience-api's own UnitOfWork, DataSource (driver, pool) and OutboxWriter, in a
 * plain loop: no HTTP, no HMAC, no JSON.parse, no Nest pipeline. The app is created and initialised
 * (not listening) exactly as experience-api, so its relay runs as it does in the ingest phase.
 */
export async function rawInsert(args: string[]): Promise<RawInsertResult> {
  const [durationS, concurrencyS, runTag] = args;
  const duration = Number(durationS) * 1000;
  const concurrency = Number(concurrencyS);
  const { app } = await createExperienceApi(process.env);
  await app.init();
  const uow = app.get(UnitOfWork);
  const outbox = app.get(OutboxWriter);
  const deliveries = new ShopifyDeliveries(runTag, 'unused', 8);
  const latencies: number[] = [];
  let n = 0;
  const one = async (): Promise<void> => {
    const i = n++;
    const body = deliveries.body(i);
    const eventId = `evt-${runTag}-raw-${i}`;
    const dedupeKey = `orders/create:${eventId}`;
    const record: ShopifyInboxRecord = {
      id: randomUUID(),
      dedupeKey,
      topic: 'orders/create',
      shopDomain: 'weft-bench.myshopify.com',
      webhookId: `wh-${runTag}-raw-${i}`,
      eventId,
      apiVersion: '2026-04',
      triggeredAt: new Date().toISOString(),
      status: 'accepted',
      body,
      receivedAt: new Date().toISOString(),
    };
    const t0 = performance.now();
    await uow.run(async (m) => {
      await m.insert(ShopifyInboxRecord, record);
      const event = cloudEvent(SHOPIFY_WEBHOOK_EVENT, SHOPIFY_SOURCE, dedupeKey, {
        topic: record.topic,
        dedupeKey,
        shopDomain: record.shopDomain,
        apiVersion: record.apiVersion,
        triggeredAt: record.triggeredAt,
        body,
      });
      await outbox.append(m, [{ ...event, id: record.id }]);
    });
    latencies.push(performance.now() - t0);
  };
  const started = performance.now();
  const until = started + duration;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  latencies.sort((a, b) => a - b);
  return {
    inserts: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    concurrency,
  };
}
