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
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Return contracts shared by the experience and process layers. */
export class ReturnLineRequestDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
  /** One of the governed reason codes (RETURN_REASON_CODES): damaged, defective, wrong-item, not-as-described, size-fit, changed-mind, other. */
  @IsString() @MaxLength(40) reasonCode: string;
  @IsOptional() @IsIn(['new', 'opened', 'used', 'damaged']) condition?: string;
}

export class CreateReturnDto {
  @IsUUID() orderId: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineRequestDto)
  lines: ReturnLineRequestDto[];
}

export class ReceiptLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
  /** restock: back to stock at locationId (default WH-MAIN); dispose: damaged, written off. */
  @IsIn(['restock', 'dispose']) disposition: 'restock' | 'dispose';
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
}

export class ReturnReceiptDto {
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ReceiptLineDto) lines: ReceiptLineDto[];
}

export class PosReturnLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) quantity: number;
  /** What the till refunded for this line, minor units. */
  @IsInt() @Min(0) refundMinor: number;
  @IsOptional() @IsString() @MaxLength(40) reasonCode?: string;
}

export class PosReturnDto {
  /** Unique per store: the register's own return number. */
  @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9._:-]+$/) returnId: string;
  /** The sale being returned (its saleId at this store). */
  @IsString() @MaxLength(100) originalSaleId: string;
  @IsISO8601() occurredAt: string;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => PosReturnLineDto) lines: PosReturnLineDto[];
}

export class PosReturnsBatchDto {
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/) storeId: string;
  @IsString() @Length(1, 64) registerId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PosReturnDto) returns: PosReturnDto[];
}

export class PosReturnResultDto {
  returnId: string;
  @IsIn(['accepted', 'duplicate', 'rejected']) status: 'accepted' | 'duplicate' | 'rejected';
  id?: string;
  reason?: string;
}

export class PosReturnsResultDto {
  storeId: string;
  results: PosReturnResultDto[];
}

export class ReturnLineDto {
  sku: string;
  quantity: number;
  reasonCode: string;
  condition?: string;
  refundMinor: number;
}

export class ReturnTimelineEntryDto {
  from: string | null;
  to: string;
  cause: string;
  at: string;
}

export class ReturnDto {
  id: string;
  orderId: string;
  channel: string;
  /** REQUESTED, APPROVED, DECLINED, RECEIVED, CREDIT_POSTED, REFUNDED, CLOSED or EXCEPTION. */
  state: string;
  currency: string;
  refundTotalMinor: number;
  refundedByChannel: boolean;
  lines: ReturnLineDto[];
  erpCreditNoteId: string | null;
  refundId: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  timeline: ReturnTimelineEntryDto[];
}
