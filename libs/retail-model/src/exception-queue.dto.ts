import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** What the exception queue holds: orders and returns that need an operator, and dead-lettered events. */
export const EXCEPTION_KINDS = ['order', 'return', 'dead-letter'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Filters of the exception queue; all optional, combined with AND. */
export class ExceptionQueryDto {
  @IsOptional() @IsIn(EXCEPTION_KINDS) kind?: ExceptionKind;
  /** FAILED, WAITING_FOR_ERP, BACKORDERED (orders); EXCEPTION, WAITING (returns). */
  @IsOptional() @Matches(/^[A-Z_]{2,24}$/) state?: string;
  /** The error code of the last failure, e.g. downstream-unavailable, validation. */
  @IsOptional() @Matches(/^[a-z-]{2,40}$/) errorCode?: string;
  @IsOptional() @IsIn(['shopify', 'storefront', 'partner', 'pos']) channel?: string;
  /** The location the order takes stock from (a store for POS sales). */
  @IsOptional() @IsString() @MaxLength(64) store?: string;
  /** Dead letters: the event type, e.g. weft.order.created.v1. */
  @IsOptional() @Matches(/^[a-z0-9.-]{3,120}$/) type?: string;
  /** Only items in the queue for at least this many minutes. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(525600) olderThanMinutes?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ExceptionItemDto {
  kind: ExceptionKind;
  id: string;
  /** The state it is in (dead letters: DEAD_LETTERED). */
  state: string;
  errorCode: string | null;
  error: string | null;
  channel: string | null;
  store: string | null;
  /** Dead letters: event type and the consumer that failed on it. */
  type: string | null;
  consumer: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  /** When it entered the queue (its last update for orders and returns). */
  since: string;
}

export class ExceptionTimelineEntryDto {
  from: string | null;
  to: string;
  cause: string;
  at: string;
}

export class ExceptionDetailDto extends ExceptionItemDto {
  /** The canonical order or return, or the dead-lettered CloudEvent. */
  payload: Record<string, unknown>;
  timeline: ExceptionTimelineEntryDto[];
}

/** An operator's retry or discard; a discard must say why. */
export class OperatorActionRequestDto {
  @IsOptional() @IsString() @MinLength(3) @MaxLength(500) reason?: string;
}

export class DiscardRequestDto {
  @IsString() @MinLength(3) @MaxLength(500) reason: string;
}

/** Retry every item matching the filter (at most `limit`). */
export class BulkRetryRequestDto extends ExceptionQueryDto {
  @IsOptional() @IsString() @MinLength(3) @MaxLength(500) reason?: string;
}

export class BulkRetryResultDto {
  matched: number;
  retried: string[];
  skipped: { id: string; why: string }[];
}

/** One audited operator action: who did what to which item, when and why. */
export class OperatorActionDto {
  id: string;
  actor: string;
  action: string;
  kind: string;
  targetId: string;
  reason: string | null;
  outcome: string;
  at: string;
}

export class AuditQueryDto {
  @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
