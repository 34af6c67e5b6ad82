import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ShopifyShop } from '@weft/config';
import { EdgeThrottlerGuard, Public, RateLimitPolicy } from '@weft/gateway';
import { SHOPIFY_HEADER_MAX, shopifyHeaders, WebhookAckDto } from './shopify-webhook.dto';
import { ShopifyWebhookService } from './shopify-webhook.service';
import { ShopifySignatureGuard, VerifiedShop } from './shopify-signature.guard';

@ApiTags('webhooks')
@Controller('webhooks')
export class ShopifyWebhookController {
  constructor(private readonly webhooks: ShopifyWebhookService) {}

  /** Shopify webhook deliveries: HMAC-verified, stored durably, then acknowledged. */
  @Post('shopify')
  @HttpCode(200)
  @ApiSecurity('shopifyHmac')
  @ApiBody({
    description: 'The webhook payload exactly as Shopify sends it (JSON); verified against X-Shopify-Hmac-Sha256 before it is parsed.',
    schema: { type: 'object', additionalProperties: true },
  })
  @ApiHeader({
    name: 'X-Shopify-Topic',
    schema: { type: 'string', maxLength: SHOPIFY_HEADER_MAX.topic },
    required: true,
    description: 'The webhook topic, e.g. orders/create.',
  })
  @ApiHeader({
    name: 'X-Shopify-Event-Id',
    schema: { type: 'string', maxLength: SHOPIFY_HEADER_MAX.eventId },
    required: false,
    description: 'Deduplication id of the event; X-Shopify-Webhook-Id is used when it is absent (one of them is required).',
  })
  @ApiHeader({
    name: 'X-Shopify-Webhook-Id',
    schema: { type: 'string', maxLength: SHOPIFY_HEADER_MAX.webhookId },
    required: false,
    description: 'Id of this delivery attempt.',
  })
  @ApiHeader({
    name: 'X-Shopify-Shop-Domain',
    schema: { type: 'string', maxLength: SHOPIFY_HEADER_MAX.shopDomain },
    required: false,
    description: "The shop that sent the webhook; the HMAC is checked with that shop's secret. Only a one-shop setup may omit it.",
  })
  @ApiHeader({
    name: 'X-Shopify-API-Version',
    schema: { type: 'string', maxLength: SHOPIFY_HEADER_MAX.apiVersion },
    required: false,
    description: 'The Admin API version of the payload.',
  })
  @ApiHeader({
    name: 'X-Shopify-Triggered-At',
    schema: { type: 'string', maxLength: SHOPIFY_HEADER_MAX.triggeredAt },
    required: false,
    description: 'When Shopify triggered the webhook.',
  })
  @Public()
  @RateLimitPolicy('webhooks')
  // Signature first, then the shop's own budget (the global throttler skips webhooks until the shop is known).
  @UseGuards(ShopifySignatureGuard, EdgeThrottlerGuard)
  receive(
    @Body() body: unknown,
    @Headers() h: Record<string, string | string[] | undefined>,
    @VerifiedShop() shop: ShopifyShop,
  ): Promise<WebhookAckDto> {
    return this.webhooks.receive(body, shop, shopifyHeaders(h));
  }
}
