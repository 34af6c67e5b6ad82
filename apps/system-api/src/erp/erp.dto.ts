import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { LIMITS } from '@weft/retail-model';
import { RESERVATION_STATES } from './erp.port';
import type { ErpInvoice, ErpReservation, ErpSalesOrder, ErpShipment, ErpStockLevel } from './erp.port';

export class ErpAddressDto {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsString() @MaxLength(200) line1: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsString() @MaxLength(100) city: string;
  @IsOptional() @IsString() @MaxLength(100) region?: string;
  @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @IsString() @Length(2, 2) countryCode: string;
}

export class ErpCustomerRequestDto {
  @IsString() @MaxLength(200) customerKey: string;
  @IsString() @MaxLength(200) name: string;
  @IsOptional() @IsString() @MaxLength(200) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @ValidateNested() @Type(() => ErpAddressDto) address?: ErpAddressDto;
}

export class ErpCustomerDto {
  @MaxLength(200) erpCustomerId: string;
  @MaxLength(240) customerKey: string;
  created: boolean;
}

export class ErpTaxDto {
  /** The ERP's tax code (from ERP_TAX_CODES). */
  @IsString() @Length(1, 64) code: string;
  /** The channel's own title and rate (decimal fraction), as it gave them. */
  @IsString() @MaxLength(200) title: string;
  @IsOptional() @Matches(/^\d+(\.\d+)?$/) @MaxLength(40) rate: string | null;
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) amountMinor: number;
  @IsOptional() @IsString() @MaxLength(100) jurisdiction?: string;
}

export class ErpDiscountDto {
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) amountMinor: number;
  @IsString() @MaxLength(200) source: string;
}

export class ErpLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
  /** Gross unit price, before discounts. */
  @IsInt() @Min(0) @Max(LIMITS.unitMinor) unitPriceMinor: number;
  @IsOptional() @IsString() @MaxLength(200) description?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ErpDiscountDto) discounts?: ErpDiscountDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpTaxDto) taxes?: ErpTaxDto[];
}

export class ErpShippingDto {
  @IsString() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(100) code?: string;
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) priceMinor: number;
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) discountMinor: number;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpTaxDto) taxes: ErpTaxDto[];
}

export class ErpSalesOrderRequestDto {
  @IsString() @MaxLength(200) externalReference: string;
  @IsString() @MaxLength(40) erpCustomerId: string;
  @MaxLength(3) @Matches(/^[A-Z]{3}$/) currency: string;
  @ArrayMaxSize(200) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ErpLineDto) lines: ErpLineDto[];
  @IsOptional() @ValidateNested() @Type(() => ErpAddressDto) shippingAddress?: ErpAddressDto;
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
  @IsString() @MaxLength(40) channel: string;
  @IsOptional() @IsString() @MaxLength(200) reservationKey?: string;
  @IsOptional() @IsBoolean() taxesIncluded?: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpShippingDto) shipping?: ErpShippingDto[];
}

export class SkuQuantityDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
}

export class ErpShipmentRequestDto {
  /** The warehouse's own id for this shipment: confirming it twice records it once. */
  @IsString() @MaxLength(200) shipmentKey: string;
  /** Omit to ship everything still open on the order. */
  @ArrayMaxSize(200)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityDto)
  lines?: SkuQuantityDto[];
  @IsOptional() @IsString() @MaxLength(100) carrier?: string;
  @IsOptional() @IsString() @MaxLength(100) trackingNumber?: string;
}

export class ErpReservationRequestDto {
  @IsString() @MaxLength(200) reservationKey: string;
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
  @ArrayMaxSize(200) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuQuantityDto) lines: SkuQuantityDto[];
}

export class ErpPaymentRequestDto {
  @IsString() @MaxLength(200) paymentKey: string;
  @IsInt() @Min(1) @Max(LIMITS.amountMinor) amountMinor: number;
  @MaxLength(3) @Matches(/^[A-Z]{3}$/) currency: string;
}

export class ErpCreditLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
  /** Credited for the line, tax included. */
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) amountMinor: number;
  @IsOptional() @IsInt() @Min(0) @Max(LIMITS.amountMinor) discountMinor?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpTaxDto) taxes?: ErpTaxDto[];
}

export class ErpCreditNoteRequestDto {
  @IsString() @MaxLength(200) creditKey: string;
  @IsString() @MaxLength(40) salesOrderId: string;
  @MaxLength(3) @Matches(/^[A-Z]{3}$/) currency: string;
  @ArrayMaxSize(200) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ErpCreditLineDto) lines: ErpCreditLineDto[];
}

export class ErpReturnReceiptRequestDto {
  @IsString() @MaxLength(200) receiptKey: string;
  @IsString() @MaxLength(64) locationId: string;
  @ArrayMaxSize(200) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuQuantityDto) lines: SkuQuantityDto[];
}

export class SalesOrderQueryDto {
  @IsString() @MaxLength(200) externalReference: string;
}

export class ProductQueryDto {
  /** Comma-separated SKUs. */
  @IsString() @MaxLength(2000) skus: string;
}

export class ErpProductDto {
  @MaxLength(200) sku: string;
  @MaxLength(200) name: string;
  listPriceMinor: number;
  @MaxLength(3) currency: string;
}

export class StockQueryDto {
  /** Comma-separated SKUs. */
  @IsString() @MaxLength(2000) skus: string;
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
}

export class ErpShipmentDto {
  @MaxLength(200) shipmentId: string;
  @IsIn(['waiting', 'assigned', 'picked', 'packed', 'done', 'cancelled']) state: ErpShipment['state'];
  @ArrayMaxSize(200) lines: SkuQuantityDto[];
  @MaxLength(200) carrier?: string;
  @MaxLength(200) trackingNumber?: string;
}

export class ErpInvoiceDto {
  @MaxLength(200) invoiceId: string;
  @MaxLength(200) number?: string;
  state: ErpInvoice['state'];
  totalMinor: number;
  @MaxLength(3) currency: string;
  kind: ErpInvoice['kind'];
  taxMinor?: number;
  discountMinor?: number;
  paidMinor?: number;
}

export class PostingsQueryDto {
  /** Sales orders' external references, at most 500 per call. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsString({ each: true }) @MaxLength(200, { each: true }) externalReferences: string[];
}

export class ErpPaymentDto {
  @MaxLength(200) paymentKey: string;
  @MaxLength(200) invoiceId: string;
  amountMinor: number;
}

export class ErpPostingsDto {
  @MaxLength(240) externalReference: string;
  @MaxLength(200) salesOrderId: string;
  @MaxLength(3) currency: string;
  @ArrayMaxSize(500) invoices: ErpInvoiceDto[];
  @ArrayMaxSize(500) payments: ErpPaymentDto[];
}

export class ErpSalesOrderLineDto {
  @MaxLength(200) sku: string;
  quantity: number;
  shippedQuantity: number;
}

export class ErpSalesOrderDto {
  @MaxLength(200) id: string;
  @MaxLength(200) number?: string;
  @MaxLength(240) externalReference: string;
  state: ErpSalesOrder['state'];
  @MaxLength(3) currency: string;
  totalMinor: number;
  @ArrayMaxSize(200) lines: ErpSalesOrderLineDto[];
  @ArrayMaxSize(200) shipments: ErpShipmentDto[];
  @ArrayMaxSize(200) invoices: ErpInvoiceDto[];
}

export class ErpStockLevelDto {
  @MaxLength(200) sku: string;
  @MaxLength(200) locationId: string;
  onHand: number;
  reserved: number;
}

export class ErpReservationLineDto {
  @MaxLength(64) sku: string;
  quantity: number;
  @MaxLength(64) locationId: string;
}

export class ErpReservationDto {
  @MaxLength(240) reservationKey: string;
  @ApiProperty({ enum: RESERVATION_STATES }) state: ErpReservation['state'];
  @ArrayMaxSize(200) lines: ErpReservationLineDto[];
}

export function mapSalesOrder(so: ErpSalesOrder): ErpSalesOrderDto {
  return {
    ...so,
    lines: so.lines.map((l) => ({ ...l })),
    shipments: so.shipments.map((s) => ({ ...s })),
    invoices: so.invoices.map((i) => ({ ...i })),
  };
}

export function mapStock(levels: ErpStockLevel[]): ErpStockLevelDto[] {
  return levels.map((l) => ({ ...l }));
}
