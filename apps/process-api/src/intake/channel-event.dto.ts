import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export const SHOPIFY_WEBHOOK_EVENT = 'weft.channel.shopify-webhook.v1';

export class ShopifyDeliveryDto {
  @IsString() @MaxLength(100) topic: string;
  @IsString() @MaxLength(300) dedupeKey: string;
  /** The shop experience-api verified the delivery for: part of every Shopify business key. */
  @IsString() @MaxLength(200) shopDomain: string;
  /** The shop's default location (SHOPIFY_SHOPS), where its orders ship from. */
  @IsOptional() @IsString() @MaxLength(100) defaultLocationId?: string;
  @IsOptional() @IsString() @MaxLength(40) apiVersion?: string;
  @IsOptional() @IsString() @MaxLength(60) triggeredAt?: string;
  /** The raw body exactly as Shopify sent it: parsed here losslessly, never through JSON numbers. */
  // Bounded by the largest BODY_LIMIT_BYTES an app accepts (libs/config): the edge took it as one request body.
  @MaxLength(50 * 1024 * 1024) @IsString() body: string;
}

/** A CloudEvent (structured JSON) relayed from experience-api's inbox or system-api's outbox. */
export class CloudEventDto {
  @IsIn(['1.0']) specversion: '1.0';
  @IsString() @MaxLength(64) id: string;
  @IsString() @MaxLength(200) source: string;
  @IsString() @MaxLength(120) type: string;
  @IsOptional() @IsString() @MaxLength(240) subject?: string;
  @MaxLength(40) @IsString() time: string;
  @MaxLength(200) @IsOptional() @IsString() datacontenttype?: string;
  @MaxLength(200) @IsOptional() @IsString() correlationid?: string;
  @MaxLength(200) @IsOptional() @IsString() traceparent?: string;
  @IsObject() data: Record<string, unknown>;
}

export class ShopifyWebhookEventDto extends CloudEventDto {
  @ValidateNested() @Type(() => ShopifyDeliveryDto) declare data: ShopifyDeliveryDto & Record<string, unknown>;
}

export class IntakeResultDto {
  /** processed: applied now; duplicate: this event id was applied before; ignored: nothing to do. */
  @IsIn(['processed', 'duplicate', 'ignored']) status: 'processed' | 'duplicate' | 'ignored';
  @MaxLength(200) @IsOptional() @IsString() orderId?: string;
  @MaxLength(2000) @IsOptional() @IsString() detail?: string;
}
