/** Reconciliation contracts shared by the experience and process layers. */
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';

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
  @IsISO8601({ strict: true }) from: string;
  /** End of the window (exclusive). */
  @IsISO8601({ strict: true }) to: string;
}

export class ReconciliationRunDto {
  id: string;
  @IsIn(RUN_STATES) state: (typeof RUN_STATES)[number];
  from: string;
  to: string;
  @IsIn(['demand', 'schedule']) trigger: 'demand' | 'schedule';
  requestedBy: string;
  ordersTotal: number;
  ordersChecked: number;
  returnsTotal: number;
  returnsChecked: number;
  varianceCount: number;
  /** Variances found per type (only types that occurred). */
  byType: Record<string, number>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export class VarianceDocumentDto {
  /** The document's kind on its side: order, return, refund, invoice, credit-note, payment. */
  kind: string;
  id: string;
  amountMinor?: number;
}

export class VarianceResolutionDto {
  by: string;
  note: string;
  at: string;
}

export class VarianceDto {
  id: string;
  runId: string;
  @IsIn(VARIANCE_TYPES) type: VarianceType;
  @IsIn(VARIANCE_STATES) state: (typeof VARIANCE_STATES)[number];
  /** order or return */
  subject: string;
  /** The order's or return's business key (shopify:820982911946154508, rma:…). */
  businessKey: string;
  channel: string;
  shop: string | null;
  currency: string;
  /** What Weft's records say (captured, refunded, taxed or discounted), minor units. */
  weftAmountMinor: number;
  /** What the ERP posted, minor units. */
  erpAmountMinor: number;
  /** erp − weft. */
  differenceMinor: number;
  weftDocuments: VarianceDocumentDto[];
  erpDocuments: VarianceDocumentDto[];
  detail: string;
  occurredAt: string;
  createdAt: string;
  resolution: VarianceResolutionDto | null;
}

export class VarianceQueryDto {
  @IsOptional() @IsIn(VARIANCE_TYPES) type?: VarianceType;
  @IsOptional() @IsIn(['shopify', 'storefront', 'partner', 'pos']) channel?: string;
  @IsOptional() @IsString() @MaxLength(255) shop?: string;
  @IsOptional() @IsIn(VARIANCE_STATES) state?: (typeof VARIANCE_STATES)[number];
  @IsOptional() @IsString() @Length(1, 40) runId?: string;
  /** Window on when the order or return happened. */
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** The last id of the previous page (keyset). */
  @IsOptional() @IsString() @Length(1, 40) after?: string;
}

export class ResolveVarianceDto {
  /** Why it is resolved: kept in the audit trail. */
  @IsString() @Length(3, 2000) @Matches(/\S/) note: string;
}

export class VarianceAuditDto {
  action: string;
  actor: string;
  note: string | null;
  at: string;
}

export class VarianceDetailDto extends VarianceDto {
  audit: VarianceAuditDto[];
}

/** Between layers: the edge states who asked (its caller's token subject); process-api trusts only service tokens. */
export class StartReconciliationCommandDto extends CreateReconciliationRunDto {
  @IsString() @Length(1, 200) requestedBy: string;
}

export class ResolveVarianceCommandDto extends ResolveVarianceDto {
  @IsString() @Length(1, 200) actor: string;
}
