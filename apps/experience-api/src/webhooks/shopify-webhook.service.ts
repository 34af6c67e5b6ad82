import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { cloudEvent } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { ShopifyShop } from '@weft/config';
import { ShopifyInboxRecord } from './shopify-inbox.entity';
import { FORWARDED_TOPICS, ShopifyHeaders, WebhookAckDto } from './shopify-webhook.dto';

export const SHOPIFY_SOURCE = '/weft/experience-api/webhooks/shopify';
export const SHOPIFY_WEBHOOK_EVENT = 'weft.channel.shopify-webhook.v1';

/** One event of one shop: Shopify's ids are only unique within a shop, so the shop is part of the key. */
export function shopifyDedupeKey(shopDomain: string, topic: string, id: string): string {
  return `${shopDomain}:${topic}:${id}`;
}

/**
 * Store, acknowledge (ShopifySignatureGuard verified the shop and the HMAC before). The delivery and the event that forwards it to process-api commit in
 * one transaction, so a 200 means it is durable, and processing continues after the response.
 */
@Injectable()
export class ShopifyWebhookService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
  ) {}

  async receive(rawBody: unknown, shop: ShopifyShop, h: ShopifyHeaders): Promise<WebhookAckDto> {
    const body = typeof rawBody === 'string' ? rawBody : '';
    if (!h.topic) throw new DomainError(ErrorCode.MALFORMED_REQUEST, 'X-Shopify-Topic is required.');
    const id = h.eventId ?? h.webhookId;
    if (!id) throw new DomainError(ErrorCode.MALFORMED_REQUEST, 'X-Shopify-Event-Id or X-Shopify-Webhook-Id is required.');
    try {
      JSON.parse(body);
    } catch {
      throw new DomainError(ErrorCode.MALFORMED_REQUEST, 'The webhook body is not JSON.');
    }
    const dedupeKey = shopifyDedupeKey(shop.domain, h.topic, id);
    const forwarded = FORWARDED_TOPICS.has(h.topic);
    const record: ShopifyInboxRecord = {
      id: randomUUID(),
      dedupeKey,
      topic: h.topic,
      shopDomain: shop.domain,
      webhookId: h.webhookId ?? null,
      eventId: h.eventId ?? null,
      apiVersion: h.apiVersion ?? null,
      triggeredAt: h.triggeredAt ?? null,
      status: forwarded ? 'accepted' : 'ignored',
      body,
      receivedAt: new Date().toISOString(),
    };
    try {
      await this.uow.run(async (m) => {
        await m.insert(ShopifyInboxRecord, record);
        if (forwarded) {
          const event = cloudEvent(SHOPIFY_WEBHOOK_EVENT, SHOPIFY_SOURCE, dedupeKey, {
            topic: h.topic!,
            dedupeKey,
            shopDomain: shop.domain,
            defaultLocationId: shop.defaultLocationId,
            apiVersion: h.apiVersion,
            triggeredAt: h.triggeredAt,
            body,
          });
          await this.outbox.append(m, [{ ...event, id: record.id }]);
        }
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const first = await this.uow.serialised(() => this.uow.manager.findOneBy(ShopifyInboxRecord, { dedupeKey }));
      return { status: 'duplicate', deliveryId: first?.id ?? record.id, topic: h.topic };
    }
    return { status: record.status, deliveryId: record.id, topic: h.topic };
  }
}
