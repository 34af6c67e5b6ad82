import { IsIn, IsOptional, IsString } from 'class-validator';

export const FORWARDED_TOPICS = new Set([
  'orders/create',
  'orders/paid',
  'orders/updated',
  'orders/cancelled',
  'order_transactions/create',
  'fulfillments/create',
  'customers/create',
  'customers/update',
  'inventory_levels/update',
  'refunds/create',
  'returns/approve',
  'returns/request',
  'returns/close',
  'returns/decline',
  'returns/cancel',
]);

export interface ShopifyHeaders {
  topic?: string;
  apiVersion?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
}

export class WebhookAckDto {
  /** accepted: stored and being processed; duplicate: this event was stored before; ignored: stored, topic not handled. */
  @IsIn(['accepted', 'duplicate', 'ignored']) status: 'accepted' | 'duplicate' | 'ignored';
  @IsString() deliveryId: string;
  @IsOptional() @IsString() topic?: string;
}
