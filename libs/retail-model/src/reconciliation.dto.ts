/** Reconciliation contracts shared by the experience and process layers. */
import { ArrayMaxSize, IsISO8601, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ORDER_CHANNELS, type OrderChannel } from './order.dto';

export const VARIANCE_TYPES = [
  'MISSING_IN_ERP',
  'AMOUNT_MISMATCH',
  'TAX_MISMATCH',
  'DISCOUNT_MISMATCH',
  'DUPLICATE_POSTING',
  'REFUND_NOT_CREDITED',
  'PAYMENT_NOT_RECORDED',
] as const;
export type VarianceType = (typeof VARIANCE_TYPES)[number];
export const VARIANCE_STATES = ['OPEN', 'RESOLVED'] as const;
export const RUN_STATES = ['RUNNING', 'COMPLETED', 'FAILED'] as const;

export class CreateReconciliationRunDto {
  /** Start of the window (inclusive): orders and returns created at or after it. */
  @IsISO8601({ strict: true }) @MaxLength(40) from: string;
  /** End of the window (exclusive). */
  @IsISO8601({ strict: true }) @MaxLength(40) to: string;
}

export class ReconciliationRunDto {
  @MaxLength(200) id: string;
  @IsIn(RUN_STATES) state: (typeof RUN_STATES)[number];
  @MaxLength(40) from: string;
  @MaxLength(40) to: string;
  @IsIn(['demand', 'schedule']) trigger: 'demand' | 'schedule';
  @MaxLength(200) requestedBy: string;
  ordersTotal: number;
  ordersChecked: number;
  returnsTotal: number;
  returnsChecked: number;
  varianceCount: number;
  /** Variances found per type (only types that occurred). */
  byType: Record<string, number>;
  @MaxLength(2000) error: string | null;
  @MaxLength(40) startedAt: string;
  @MaxLength(40) finishedAt: string | null;
}

export class VarianceDocumentDto {
  /** The document's kind on its side: order, return, refund, shopify-transaction, invoice, credit-note, payment. */
  @MaxLength(64) kind: string;
  @MaxLength(200) id: string;
  amountMinor?: number;
}

export class VarianceResolutionDto {
  @MaxLength(200) by: string;
  @MaxLength(2000) note: string;
  @MaxLength(40) at: string;
}

export class VarianceDto {
  @MaxLength(200) id: string;
  @MaxLength(200) runId: string;
  @IsIn(VARIANCE_TYPES) type: VarianceType;
  @IsIn(VARIANCE_STATES) state: (typeof VARIANCE_STATES)[number];
  /** order or return */
  @MaxLength(64) subject: string;
  /** The order's or return's business key (shopify:820982911946154508, rma:…). */
  @MaxLength(200) businessKey: string;
  @MaxLength(64) channel: string;
  @MaxLength(255) shop: string | null;
  @MaxLength(3) currency: string;
  /** What Weft's records say (captured, refunded, taxed or discounted), minor units. */
  weftAmountMinor: number;
  /** What the ERP posted, minor units. */
  erpAmountMinor: number;
  /** erp − weft. */
  differenceMinor: number;
  @ArrayMaxSize(1000) weftDocuments: VarianceDocumentDto[];
  @ArrayMaxSize(1000) erpDocuments: VarianceDocumentDto[];
  @MaxLength(2000) detail: string;
  @MaxLength(40) occurredAt: string;
  @MaxLength(40) createdAt: string;
  resolution: VarianceResolutionDto | null;
}

export class VarianceQueryDto {
  @IsOptional() @IsIn(VARIANCE_TYPES) type?: VarianceType;
  @IsOptional() @IsIn(ORDER_CHANNELS) channel?: OrderChannel;
  @IsOptional() @IsString() @MaxLength(255) shop?: string;
  @IsOptional() @IsIn(VARIANCE_STATES) state?: (typeof VARIANCE_STATES)[number];
  @IsOptional() @IsString() @Length(1, 40) runId?: string;
  /** Window on when the order or return happened. */
  @IsOptional() @IsISO8601({ strict: true }) @MaxLength(40) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) @MaxLength(40) to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** The last id of the previous page (keyset). */
  @IsOptional() @IsString() @Length(1, 40) after?: string;
}

export class ResolveVarianceDto {
  /** Why it is resolved: kept in the audit trail. */
  @IsString() @Length(3, 2000) @Matches(/\S/) note: string;
}

export class VarianceAuditDto {
  @MaxLength(64) action: string;
  @MaxLength(200) actor: string;
  @MaxLength(2000) note: string | null;
  @MaxLength(40) at: string;
}

export class VarianceDetailDto extends VarianceDto {
  @ArrayMaxSize(1000) audit: VarianceAuditDto[];
}

/** Between layers: the edge states who asked (its caller's token subject); process-api trusts only service tokens. */
export class StartReconciliationCommandDto extends CreateReconciliationRunDto {
  @IsString() @Length(1, 200) requestedBy: string;
}

export class ResolveVarianceCommandDto extends ResolveVarianceDto {
  @IsString() @Length(1, 200) actor: string;
}
