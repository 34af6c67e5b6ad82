/** Order contracts shared by the experience and process layers (request and response shapes). */
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class AddressDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsString() @MaxLength(200) line1: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsString() @MaxLength(100) city: string;
  @IsOptional() @IsString() @MaxLength(100) region?: string;
  @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @Matches(/^[A-Z]{2}$/) countryCode: string;
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
  @IsInt() @Min(1) quantity: number;
  /** Unit price the channel showed, in minor units; must match the ERP list price. */
  @IsInt() @Min(0) unitPriceMinor: number;
  @IsOptional() @IsInt() @Min(0) discountMinor?: number;
  @IsOptional() @IsInt() @Min(0) taxMinor?: number;
}

export class PlaceOrderDto {
  @IsIn(['storefront', 'partner']) channel: 'storefront' | 'partner';
  /** The channel's own order reference; a second order with the same reference returns the first. */
  @IsOptional() @IsString() @MaxLength(120) @Matches(/^[A-Za-z0-9._:-]+$/) externalId?: string;
  @IsOptional() @IsString() @MaxLength(100) partnerId?: string;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  lines: OrderLineRequestDto[];
  @IsOptional() @ValidateNested() @Type(() => CustomerDto) customer?: CustomerDto;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) shippingAddress?: AddressDto;
  @IsIn(['authorized', 'paid', 'pending']) paymentStatus: 'authorized' | 'paid' | 'pending';
  @IsOptional() @IsInt() @Min(0) shippingMinor?: number;
}

export class TenderDto {
  @IsIn(['cash', 'card', 'gift-card', 'other']) type: string;
  @IsInt() @Min(0) amountMinor: number;
}

export class PosSaleDto {
  /** Unique per store: the register's own sale number. */
  @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9._:-]+$/) saleId: string;
  @IsISO8601() occurredAt: string;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => OrderLineRequestDto) lines: OrderLineRequestDto[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => TenderDto) tenders: TenderDto[];
  @IsOptional() @ValidateNested() @Type(() => CustomerDto) customer?: CustomerDto;
}

export class PosSalesBatchDto {
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/) storeId: string;
  @IsString() @Length(1, 64) registerId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PosSaleDto) sales: PosSaleDto[];
}

export class PosSaleResultDto {
  saleId: string;
  @IsIn(['accepted', 'duplicate', 'rejected']) status: 'accepted' | 'duplicate' | 'rejected';
  orderId?: string;
  reason?: string;
}

export class PosSalesResultDto {
  storeId: string;
  results: PosSaleResultDto[];
}

export class OrderQueryDto {
  @IsIn(['shopify', 'storefront', 'partner', 'pos']) source: string;
  @IsString() @MaxLength(200) externalId: string;
}

export class TimelineEntryDto {
  from: string | null;
  to: string;
  cause: string;
  at: string;
}

export class OrderLineDto {
  lineId: string;
  sku: string;
  title?: string;
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
  salesOrderId: string | null;
  orderNumber: string | null;
  customerId: string | null;
  invoiceId: string | null;
}

export class OrderDto {
  id: string;
  channel: string;
  /** The channel's id exactly as sent (18-digit Shopify ids included). */
  externalId: string;
  orderNumber: string | null;
  state: string;
  currency: string;
  financialStatus: string;
  paymentCaptured: boolean;
  partnerId: string | null;
  lines: OrderLineDto[];
  totals: OrderTotalsDto;
  erp: ErpReferenceDto;
  crmContactId: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntryDto[];
}
