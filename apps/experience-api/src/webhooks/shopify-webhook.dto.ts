import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SHOPIFY_WEBHOOK_TOPICS } from '@weft/events';
import { validationError } from '@weft/problem';

export const FORWARDED_TOPICS: ReadonlySet<string> = new Set(SHOPIFY_WEBHOOK_TOPICS);

export interface ShopifyHeaders {
  hmac?: string;
  topic?: string;
  shopDomain?: string;
  apiVersion?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
}

/** The most characters each Shopify header may hold; the contract states the same bounds. */
export const SHOPIFY_HEADER_MAX = {
  hmac: 100,
  topic: 100,
  shopDomain: 255,
  apiVersion: 20,
  webhookId: 100,
  eventId: 100,
  triggeredAt: 40,
} as const satisfies Record<keyof ShopifyHeaders, number>;

const HEADER_NAMES: Record<keyof ShopifyHeaders, string> = {
  hmac: 'x-shopify-hmac-sha256',
  topic: 'x-shopify-topic',
  shopDomain: 'x-shopify-shop-domain',
  apiVersion: 'x-shopify-api-version',
  webhookId: 'x-shopify-webhook-id',
  eventId: 'x-shopify-event-id',
  triggeredAt: 'x-shopify-triggered-at',
};

/** The Shopify headers of a delivery, each within SHOPIFY_HEADER_MAX (a 400 otherwise, before the HMAC is computed). */
export function shopifyHeaders(h: Record<string, string | string[] | undefined>): ShopifyHeaders {
  const out: ShopifyHeaders = {};
  const errors: { field: string; messages: string[] }[] = [];
  for (const [key, name] of Object.entries(HEADER_NAMES) as [keyof ShopifyHeaders, string][]) {
    const v = h[name];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > SHOPIFY_HEADER_MAX[key])
      errors.push({ field: name, messages: [`${name} must be one value of at most ${SHOPIFY_HEADER_MAX[key]} characters`] });
    else out[key] = v;
  }
  if (errors.length > 0) throw validationError(errors);
  return out;
}

export class WebhookAckDto {
  /** accepted: stored and being processed; duplicate: this event was stored before; ignored: stored, topic not handled. */
  @IsIn(['accepted', 'duplicate', 'ignored']) status: 'accepted' | 'duplicate' | 'ignored';
  @MaxLength(200) @IsString() deliveryId: string;
  @MaxLength(200) @IsOptional() @IsString() topic?: string;
}
