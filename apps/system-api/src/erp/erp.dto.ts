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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
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
  erpCustomerId: string;
  customerKey: string;
  created: boolean;
}

export class ErpTaxDto {
  /** The ERP's tax code (from ERP_TAX_CODES). */
  @IsString() @Length(1, 64) code: string;
  /** The channel's own title and rate (decimal fraction), as it gave them. */
  @IsString() @MaxLength(200) title: string;
  @IsOptional() @Matches(/^\d+(\.\d+)?$/) rate: string | null;
  @IsInt() @Min(0) amountMinor: number;
  @IsOptional() @IsString() @MaxLength(100) jurisdiction?: string;
}

export class ErpDiscountDto {
  @IsInt() @Min(0) amountMinor: number;
  @IsString() @MaxLength(200) source: string;
}

export class ErpLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
  /** Gross unit price, before discounts. */
  @IsInt() @Min(0) unitPriceMinor: number;
  @IsOptional() @IsString() @MaxLength(200) description?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ErpDiscountDto) discounts?: ErpDiscountDto[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpTaxDto) taxes?: ErpTaxDto[];
}

export class ErpShippingDto {
  @IsString() @MaxLength(200) title: string;
  @IsOptional() @IsString() @MaxLength(100) code?: string;
  @IsInt() @Min(0) priceMinor: number;
  @IsInt() @Min(0) discountMinor: number;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpTaxDto) taxes: ErpTaxDto[];
}

export class ErpSalesOrderRequestDto {
  @IsString() @MaxLength(200) externalReference: string;
  @IsString() @MaxLength(40) erpCustomerId: string;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ErpLineDto) lines: ErpLineDto[];
  @IsOptional() @ValidateNested() @Type(() => ErpAddressDto) shippingAddress?: ErpAddressDto;
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
  @IsString() @MaxLength(40) channel: string;
  @IsOptional() @IsString() @MaxLength(200) reservationKey?: string;
  @IsOptional() @IsBoolean() taxesIncluded?: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpShippingDto) shipping?: ErpShippingDto[];
}

export class SkuQuantityDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
}

export class ErpShipmentRequestDto {
  /** The warehouse's own id for this shipment: confirming it twice records it once. */
  @IsString() @MaxLength(200) shipmentKey: string;
  /** Omit to ship everything still open on the order. */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuQuantityDto) lines?: SkuQuantityDto[];
  @IsOptional() @IsString() @MaxLength(100) carrier?: string;
  @IsOptional() @IsString() @MaxLength(100) trackingNumber?: string;
}

export class ErpReservationRequestDto {
  @IsString() @MaxLength(200) reservationKey: string;
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuQuantityDto) lines: SkuQuantityDto[];
}

export class ErpPaymentRequestDto {
  @IsString() @MaxLength(200) paymentKey: string;
  @IsInt() @Min(1) amountMinor: number;
  @Matches(/^[A-Z]{3}$/) currency: string;
}

export class ErpCreditLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
  /** Credited for the line, tax included. */
  @IsInt() @Min(0) amountMinor: number;
  @IsOptional() @IsInt() @Min(0) discountMinor?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ErpTaxDto) taxes?: ErpTaxDto[];
}

export class ErpCreditNoteRequestDto {
  @IsString() @MaxLength(200) creditKey: string;
  @IsString() @MaxLength(40) salesOrderId: string;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ErpCreditLineDto) lines: ErpCreditLineDto[];
}

export class ErpReturnReceiptRequestDto {
  @IsString() @MaxLength(200) receiptKey: string;
  @IsString() @MaxLength(64) locationId: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SkuQuantityDto) lines: SkuQuantityDto[];
}

export class SalesOrderQueryDto {
  @IsString() @MaxLength(200) externalReference: string;
}

export class ProductQueryDto {
  /** Comma-separated SKUs. */
  @IsString() @MaxLength(2000) skus: string;
}

export class ErpProductDto {
  sku: string;
  name: string;
  listPriceMinor: number;
  currency: string;
}

export class StockQueryDto {
  /** Comma-separated SKUs. */
  @IsString() @MaxLength(2000) skus: string;
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
}

export class ErpShipmentDto {
  shipmentId: string;
  @IsIn(['waiting', 'assigned', 'picked', 'packed', 'done', 'cancelled']) state: ErpShipment['state'];
  lines: SkuQuantityDto[];
  carrier?: string;
  trackingNumber?: string;
}

export class ErpInvoiceDto {
  invoiceId: string;
  number?: string;
  state: ErpInvoice['state'];
  totalMinor: number;
  currency: string;
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
  paymentKey: string;
  invoiceId: string;
  amountMinor: number;
}

export class ErpPostingsDto {
  externalReference: string;
  salesOrderId: string;
  currency: string;
  invoices: ErpInvoiceDto[];
  payments: ErpPaymentDto[];
}

export class ErpSalesOrderLineDto {
  sku: string;
  quantity: number;
  shippedQuantity: number;
}

export class ErpSalesOrderDto {
  id: string;
  number?: string;
  externalReference: string;
  state: ErpSalesOrder['state'];
  currency: string;
  totalMinor: number;
  lines: ErpSalesOrderLineDto[];
  shipments: ErpShipmentDto[];
  invoices: ErpInvoiceDto[];
}

export class ErpStockLevelDto {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
}

export class ErpReservationDto {
  reservationKey: string;
  state: ErpReservation['state'];
  lines: { sku: string; quantity: number; locationId: string }[];
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
