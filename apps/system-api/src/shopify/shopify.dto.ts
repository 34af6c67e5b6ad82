import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { FulfilmentResult, OrdersPage, ShopifyRefundResult, WebhookSubscriptionView } from './shopify.port';

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const SHOPIFY_ID = /^(\d{1,20}|gid:\/\/shopify\/[A-Za-z]+\/\d{1,20})$/;

export class ShopQueryDto {
  @IsOptional() @Matches(SHOP) shop?: string;
}

export class InventorySetRequestDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @IsString() @MaxLength(120) writeKey: string;
  @Matches(SHOPIFY_ID) inventoryItemId: string;
  @Matches(SHOPIFY_ID) locationId: string;
  @IsInt() @Min(0) available: number;
  /** What Weft believes Shopify holds; null: unknown (no compare). */
  @IsOptional() @IsInt() changeFromQuantity: number | null = null;
}

export class InventorySetResultDto {
  adjustmentGroupId: string | null;
}

export class FulfilmentLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
}

export class TrackingDto {
  @IsOptional() @IsString() @MaxLength(100) number?: string;
  @IsOptional() @IsString() @MaxLength(100) company?: string;
  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }) url?: string;
}

export class ShipmentFulfilmentRequestDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @Matches(SHOPIFY_ID) orderId: string;
  @IsString() @MaxLength(240) shipmentKey: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(250) @ValidateNested({ each: true }) @Type(() => FulfilmentLineDto) lines: FulfilmentLineDto[];
  @IsOptional() @ValidateNested() @Type(() => TrackingDto) tracking?: TrackingDto;
  @IsOptional() @IsBoolean() notifyCustomer: boolean = true;
}

export class FulfilmentResultDto implements FulfilmentResult {
  fulfillmentId: string;
  status: string;
  duplicate: boolean;
}

export class ShopifyRefundRequestDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @Matches(SHOPIFY_ID) orderId: string;
  @IsString() @MaxLength(200) refundKey: string;
  @IsInt() @Min(1) amountMinor: number;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class ShopifyRefundResultDto implements ShopifyRefundResult {
  refundId: string;
  duplicate: boolean;
}

export class OrderCancelRequestDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @IsIn(['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF']) reason:
    'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF';
  @IsOptional() @IsString() @MaxLength(255) staffNote?: string;
  @IsOptional() @IsBoolean() refund: boolean = true;
  @IsOptional() @IsBoolean() notifyCustomer: boolean = true;
}

export class OrderCancelResultDto {
  jobId: string | null;
}

export class OrderTagsRequestDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(40, { each: true }) tags: string[];
}

export class OrdersQueryDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @IsISO8601() updatedSince: string;
  @IsOptional() @IsString() @MaxLength(500) after?: string;
}

export class OrdersCountQueryDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @IsISO8601() updatedSince: string;
}

export class OrdersCountDto {
  count: number;
}

export class OrderChangeDto {
  id: string;
  name: string;
  updatedAt: string;
}

export class OrdersPageDto implements OrdersPage {
  orders: OrderChangeDto[];
  nextCursor: string | null;
}

export class OrderForIntakeDto {
  /** The order in the shape of an orders/updated webhook body (the fields Weft's intake reads). */
  body: Record<string, unknown>;
}

export class WebhookSubscriptionRequestDto {
  @IsOptional() @Matches(SHOP) shop?: string;
  @Matches(/^[A-Z][A-Z0-9_]+$/) topic: string;
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'], require_tld: false }) uri: string;
}

export class WebhookSubscriptionDto implements WebhookSubscriptionView {
  id: string;
  topic: string;
  uri: string;
  format: string;
  createdAt: string;
}

export class ShopsDto {
  shops: string[];
}

export const mapWebhookSubscription = (w: WebhookSubscriptionView): WebhookSubscriptionDto => ({
  id: w.id,
  topic: w.topic,
  uri: w.uri,
  format: w.format,
  createdAt: w.createdAt,
});
