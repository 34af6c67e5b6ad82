import { Module } from '@nestjs/common';
import { ShopifyWebhookController } from './shopify-webhook.controller';
import { ShopifyWebhookService } from './shopify-webhook.service';

/** Shopify webhook deliveries: verified, stored in the inbox, forwarded to process-api through the outbox. */
@Module({ controllers: [ShopifyWebhookController], providers: [ShopifyWebhookService] })
export class WebhooksModule {}
