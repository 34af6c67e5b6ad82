import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public, RateLimitPolicy } from '@weft/gateway';
import { WebhookAckDto } from './shopify-webhook.dto';
import { ShopifyWebhookService } from './shopify-webhook.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class ShopifyWebhookController {
  constructor(private readonly webhooks: ShopifyWebhookService) {}

  /** Shopify webhook deliveries: HMAC-verified, stored durably, then acknowledged. */
  @Post('shopify')
  @HttpCode(200)
  @Public()
  @RateLimitPolicy('webhooks')
  receive(@Body() body: unknown, @Headers() h: Record<string, string | undefined>): Promise<WebhookAckDto> {
    return this.webhooks.receive(body, {
      hmac: h['x-shopify-hmac-sha256'], topic: h['x-shopify-topic'], shopDomain: h['x-shopify-shop-domain'], apiVersion: h['x-shopify-api-version'],
      webhookId: h['x-shopify-webhook-id'], eventId: h['x-shopify-event-id'], triggeredAt: h['x-shopify-triggered-at'],
    });
  }
}
