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
  @IsString() body: string;
}

/** A CloudEvent (structured JSON) relayed from experience-api's inbox or system-api's outbox. */
export class CloudEventDto {
  @IsIn(['1.0']) specversion: '1.0';
  @IsString() @MaxLength(64) id: string;
  @IsString() @MaxLength(200) source: string;
  @IsString() @MaxLength(120) type: string;
  @IsOptional() @IsString() @MaxLength(240) subject?: string;
  @IsString() time: string;
  @IsOptional() @IsString() datacontenttype?: string;
  @IsOptional() @IsString() correlationid?: string;
  @IsOptional() @IsString() traceparent?: string;
  @IsObject() data: Record<string, unknown>;
}

export class ShopifyWebhookEventDto extends CloudEventDto {
  @ValidateNested() @Type(() => ShopifyDeliveryDto) declare data: ShopifyDeliveryDto & Record<string, unknown>;
}

export class IntakeResultDto {
  /** processed: applied now; duplicate: this event id was applied before; ignored: nothing to do. */
  @IsIn(['processed', 'duplicate', 'ignored']) status: 'processed' | 'duplicate' | 'ignored';
  @IsOptional() @IsString() orderId?: string;
  @IsOptional() @IsString() detail?: string;
}
