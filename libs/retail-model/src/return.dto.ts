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
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from './limits';

/** Return contracts shared by the experience and process layers. */
export const RETURN_CONDITIONS = ['new', 'opened', 'used', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

export class ReturnLineRequestDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
  /** One of the governed reason codes (RETURN_REASON_CODES): damaged, defective, wrong-item, not-as-described, size-fit, changed-mind, other. */
  @IsString() @MaxLength(40) reasonCode: string;
  @IsOptional() @IsIn(RETURN_CONDITIONS) condition?: ReturnCondition;
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
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
  /** restock: back to stock at locationId (default WH-MAIN); dispose: damaged, written off. */
  @IsIn(['restock', 'dispose']) disposition: 'restock' | 'dispose';
  @IsOptional() @IsString() @MaxLength(64) locationId?: string;
}

export class ReturnReceiptDto {
  @ArrayMaxSize(200) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ReceiptLineDto) lines: ReceiptLineDto[];
}

export class PosReturnLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(LIMITS.quantity) quantity: number;
  /** What the till refunded for this line, minor units. */
  @IsInt() @Min(0) @Max(LIMITS.amountMinor) refundMinor: number;
  @IsOptional() @IsString() @MaxLength(40) reasonCode?: string;
}

export class PosReturnDto {
  /** Unique per store: the register's own return number. */
  @IsString() @MaxLength(100) @Matches(/^[A-Za-z0-9._:-]+$/) returnId: string;
  /** The sale being returned (its saleId at this store). */
  @IsString() @MaxLength(100) originalSaleId: string;
  @MaxLength(40) @IsISO8601() occurredAt: string;
  @MaxLength(3) @Matches(/^[A-Z]{3}$/) currency: string;
  @ArrayMaxSize(200) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => PosReturnLineDto) lines: PosReturnLineDto[];
}

export class PosReturnsBatchDto {
  @IsString() @Length(1, 64) @Matches(/^[A-Za-z0-9._-]+$/) storeId: string;
  @IsString() @Length(1, 64) registerId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PosReturnDto) returns: PosReturnDto[];
}

export class PosReturnResultDto {
  @MaxLength(200) returnId: string;
  @IsIn(['accepted', 'duplicate', 'rejected']) status: 'accepted' | 'duplicate' | 'rejected';
  @MaxLength(200) id?: string;
  @MaxLength(2000) reason?: string;
}

export class PosReturnsResultDto {
  @MaxLength(200) storeId: string;
  @ArrayMaxSize(500) results: PosReturnResultDto[];
}

export class ReturnLineDto {
  @MaxLength(200) sku: string;
  quantity: number;
  @MaxLength(200) reasonCode: string;
  @MaxLength(200) condition?: string;
  refundMinor: number;
}

export class ReturnTimelineEntryDto {
  @MaxLength(200) from: string | null;
  @MaxLength(200) to: string;
  @MaxLength(2000) cause: string;
  @MaxLength(40) at: string;
}

export class ReturnDto {
  @MaxLength(200) id: string;
  @MaxLength(200) orderId: string;
  @MaxLength(200) channel: string;
  /** REQUESTED, APPROVED, DECLINED, RECEIVED, CREDIT_POSTED, REFUNDED, CLOSED or EXCEPTION. */
  @MaxLength(200) state: string;
  @MaxLength(3) currency: string;
  refundTotalMinor: number;
  refundedByChannel: boolean;
  @ArrayMaxSize(200) lines: ReturnLineDto[];
  @MaxLength(200) erpCreditNoteId: string | null;
  @MaxLength(200) refundId: string | null;
  @MaxLength(2000) lastError: string | null;
  @MaxLength(40) createdAt: string;
  @MaxLength(40) updatedAt: string;
  @ArrayMaxSize(500) timeline: ReturnTimelineEntryDto[];
}
