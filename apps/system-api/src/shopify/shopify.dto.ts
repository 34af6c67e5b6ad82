import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from '@weft/retail-model';
import { BULK_OPERATION_STATUSES } from './shopify.port';
import type {
  BulkOperationStatus,
  BulkOrderScan,
  FulfilmentResult,
  OrdersPage,
  OrderTransactionsView,
  OrderTransactionView,
  ShopifyRefundResult,
  WebhookSubscriptionView,
} from './shopify.port';

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
/** Shopify refuses inventory quantities beyond a billion. */
const SHOPIFY_QUANTITY_MAX = 1_000_000_000;
const SHOPIFY_ID = /^(\d{1,20}|gid:\/\/shopify\/[A-Za-z]+\/\d{1,20})$/;

export class ShopQueryDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
}

export class InventorySetRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsString() @MaxLength(120) writeKey: string;
  @Matches(SHOPIFY_ID) @MaxLength(100) inventoryItemId: string;
  @Matches(SHOPIFY_ID) @MaxLength(100) locationId: string;
  @IsInt() @Min(0) @Max(SHOPIFY_QUANTITY_MAX) available: number;
  /** What Weft believes Shopify holds; null: unknown (no compare). */
  @IsOptional() @IsInt() @Min(-SHOPIFY_QUANTITY_MAX) @Max(SHOPIFY_QUANTITY_MAX) changeFromQuantity: number | null = null;
}

export class InventorySetResultDto {
  @MaxLength(100) adjustmentGroupId: string | null;
}

export class FulfilmentLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(100_000) quantity: number;
}

export class TrackingDto {
  @IsOptional() @IsString() @MaxLength(100) number?: string;
  @IsOptional() @IsString() @MaxLength(100) company?: string;
  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(2000) url?: string;
}

export class ShipmentFulfilmentRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @Matches(SHOPIFY_ID) @MaxLength(100) orderId: string;
  @IsString() @MaxLength(240) shipmentKey: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(250) @ValidateNested({ each: true }) @Type(() => FulfilmentLineDto) lines: FulfilmentLineDto[];
  @IsOptional() @ValidateNested() @Type(() => TrackingDto) tracking?: TrackingDto;
  @IsOptional() @IsBoolean() notifyCustomer: boolean = true;
}

export class FulfilmentResultDto implements FulfilmentResult {
  @MaxLength(100) fulfillmentId: string;
  @MaxLength(64) status: string;
  duplicate: boolean;
}

export class ShopifyRefundRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @Matches(SHOPIFY_ID) @MaxLength(100) orderId: string;
  @IsString() @MaxLength(200) refundKey: string;
  @IsInt() @Min(1) @Max(LIMITS.amountMinor) amountMinor: number;
  @Matches(/^[A-Z]{3}$/) @MaxLength(3) currency: string;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class ShopifyRefundResultDto implements ShopifyRefundResult {
  @MaxLength(100) refundId: string;
  duplicate: boolean;
}

export class OrderCancelRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsIn(['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF']) reason:
    'CUSTOMER' | 'DECLINED' | 'FRAUD' | 'INVENTORY' | 'OTHER' | 'STAFF';
  @IsOptional() @IsString() @MaxLength(255) staffNote?: string;
  @IsOptional() @IsBoolean() refund: boolean = true;
  @IsOptional() @IsBoolean() notifyCustomer: boolean = true;
}

export class OrderCancelResultDto {
  @MaxLength(100) jobId: string | null;
}

export class OrderTagsRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(40, { each: true }) tags: string[];
}

export class OrdersQueryDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsISO8601() @MaxLength(40) updatedSince: string;
  @IsOptional() @IsString() @MaxLength(500) after?: string;
}

export class OrdersCountQueryDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsISO8601() @MaxLength(40) updatedSince: string;
}

export class OrdersCountDto {
  count: number;
}

export class OrderChangeDto {
  @MaxLength(100) id: string;
  @MaxLength(200) name: string;
  @MaxLength(40) updatedAt: string;
}

export class OrdersPageDto implements OrdersPage {
  @ArrayMaxSize(250) orders: OrderChangeDto[];
  @MaxLength(500) nextCursor: string | null;
}

export class BulkOrderScanRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsISO8601() @MaxLength(40) updatedSince: string;
}

export class BulkOrderScanQueryDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  /** Where this page of the result starts (the previous page's nextOffset). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}

export class BulkOrderScanDto implements BulkOrderScan {
  @MaxLength(100) id: string;
  @IsIn(BULK_OPERATION_STATUSES) status: BulkOperationStatus;
  @Min(0) objectCount: number;
  @MaxLength(60) errorCode: string | null;
  @ArrayMaxSize(1000) orders: OrderChangeDto[];
  @Min(0) @Max(10_000_000) nextOffset: number | null;
}

export class OrderForIntakeDto {
  /** The order in the shape of an orders/updated webhook body (the fields Weft's intake reads). */
  body: Record<string, unknown>;
}

export class OrderTransactionsQueryDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @Matches(SHOPIFY_ID, { each: true }) @MaxLength(100, { each: true }) orderIds: string[];
}

export class OrderTransactionDto implements OrderTransactionView {
  @MaxLength(100) id: string;
  /** SALE, CAPTURE, AUTHORIZATION, REFUND, VOID, … as Shopify names them. */
  @MaxLength(40) kind: string;
  @MaxLength(40) status: string;
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) amountMinor: number;
  @MaxLength(40) processedAt: string | null;
}

export class OrderTransactionsDto implements OrderTransactionsView {
  @MaxLength(100) orderId: string;
  @MaxLength(3) currency: string;
  @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => OrderTransactionDto) transactions: OrderTransactionDto[];
}

export class WebhookSubscriptionRequestDto {
  @IsOptional() @Matches(SHOP) @MaxLength(255) shop?: string;
  @Matches(/^[A-Z][A-Z0-9_]+$/) @MaxLength(100) topic: string;
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'], require_tld: false }) @MaxLength(2000) uri: string;
}

export class WebhookSubscriptionDto implements WebhookSubscriptionView {
  @MaxLength(100) id: string;
  @MaxLength(100) topic: string;
  @MaxLength(2000) uri: string;
  @MaxLength(64) format: string;
  @MaxLength(40) createdAt: string;
}

export class ShopsDto {
  @ArrayMaxSize(100) @MaxLength(255, { each: true }) shops: string[];
}

export const mapWebhookSubscription = (w: WebhookSubscriptionView): WebhookSubscriptionDto => ({
  id: w.id,
  topic: w.topic,
  uri: w.uri,
  format: w.format,
  createdAt: w.createdAt,
});
