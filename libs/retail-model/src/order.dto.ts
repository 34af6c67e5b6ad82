/** Order contracts shared by the experience and process layers (request and response shapes). */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from './limits';

/** The channels an order comes in through (its source). */
export const ORDER_CHANNELS = ['shopify', 'storefront', 'partner', 'pos'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export class AddressDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsString() @MaxLength(200) line1: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsString() @MaxLength(100) city: string;
  @IsOptional() @IsString() @MaxLength(100) region?: string;
  @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @MaxLength(2) @Matches(/^[A-Z]{2}$/) countryCode: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class CustomerDto {
  @IsOptional() @IsString() @MaxLength(200) externalId?: string;
  @IsOptional() @IsString() @MaxLength(200) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @IsOptional() @IsString() @MaxLength(100) loyaltyId?: string;
}

export class OrderLineRequestDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
  /** Unit price the channel showed, in minor units; must match the ERP list price. */
  @IsInt() @Min(0) @Max(LIMITS.unitMinor) unitPriceMinor: number;
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.unitMinor) discountMinor?: number;
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.unitMinor) taxMinor?: number;
}

export class PlaceOrderDto {
  @IsIn(['storefront', 'partner']) channel: 'storefront' | 'partner';
  /** The channel's own order reference; a second order with the same reference returns the first. */
  @IsOptional() @IsString() @MaxLength(120) @Matches(/^[A-Za-z0-9._:-]+$/) externalId?: string;
  @IsOptional() @IsString() @MaxLength(100) partnerId?: string;
  @MaxLength(3) @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  lines: OrderLineRequestDto[];
  @IsOptional() @ValidateNested() @Type(() => CustomerDto) customer?: CustomerDto;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) shippingAddress?: AddressDto;
  @IsIn(['authorized', 'paid', 'pending']) paymentStatus: 'authorized' | 'paid' | 'pending';
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.unitMinor) shippingMinor?: number;
}

export const TENDER_TYPES = ['cash', 'card', 'gift-card', 'other'] as const;
export type TenderType = (typeof TENDER_TYPES)[number];

export class TenderDto {
  @IsIn(TENDER_TYPES) type: TenderType;
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) amountMinor: number;
}

export class PosSaleDto {
  /** Unique per store: the register's own sale number. */
  @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9._:-]+$/) saleId: string;
  @MaxLength(40) @IsISO8601() occurredAt: string;
  @MaxLength(3) @Matches(/^[A-Z]{3}$/) currency: string;
  @ArrayMaxSize(200)
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  lines: OrderLineRequestDto[];
  @ArrayMaxSize(100) @IsArray() @ValidateNested({ each: true }) @Type(() => TenderDto) tenders: TenderDto[];
  @IsOptional() @ValidateNested() @Type(() => CustomerDto) customer?: CustomerDto;
}

export class PosSalesBatchDto {
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/) storeId: string;
  @IsString() @Length(1, 64) registerId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PosSaleDto) sales: PosSaleDto[];
}

export class PosSaleResultDto {
  @MaxLength(200) saleId: string;
  @IsIn(['accepted', 'duplicate', 'rejected']) status: 'accepted' | 'duplicate' | 'rejected';
  @MaxLength(200) orderId?: string;
  @MaxLength(2000) reason?: string;
}

export class PosSalesResultDto {
  @MaxLength(200) storeId: string;
  @ArrayMaxSize(500) results: PosSaleResultDto[];
}

export class OrderQueryDto {
  @IsIn(ORDER_CHANNELS) source: OrderChannel;
  @IsString() @MaxLength(200) externalId: string;
}

export class TimelineEntryDto {
  @MaxLength(200) from: string | null;
  @MaxLength(200) to: string;
  @MaxLength(2000) cause: string;
  @MaxLength(40) at: string;
}

export class OrderLineDto {
  @MaxLength(200) lineId: string;
  @MaxLength(200) sku: string;
  @MaxLength(200) title?: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export class OrderTotalsDto {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
}

export class ErpReferenceDto {
  @MaxLength(200) salesOrderId: string | null;
  @MaxLength(200) orderNumber: string | null;
  @MaxLength(200) customerId: string | null;
  @MaxLength(200) invoiceId: string | null;
}

export class OrderDto {
  @MaxLength(200) id: string;
  @MaxLength(200) channel: string;
  /** The channel's id exactly as sent (18-digit Shopify ids included). */
  @MaxLength(200) externalId: string;
  @MaxLength(200) orderNumber: string | null;
  @MaxLength(200) state: string;
  @MaxLength(3) currency: string;
  @MaxLength(200) financialStatus: string;
  paymentCaptured: boolean;
  @MaxLength(200) partnerId: string | null;
  @ArrayMaxSize(200) lines: OrderLineDto[];
  totals: OrderTotalsDto;
  erp: ErpReferenceDto;
  @MaxLength(200) crmContactId: string | null;
  @MaxLength(2000) lastError: string | null;
  @MaxLength(40) createdAt: string;
  @MaxLength(40) updatedAt: string;
  @ArrayMaxSize(500) timeline: TimelineEntryDto[];
}
