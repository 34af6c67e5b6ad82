import { Type } from 'class-transformer';
import { ORDER_CHANNELS, type OrderChannel } from './order.dto';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** What the exception queue holds: orders and returns that need an operator, and dead-lettered events. */
export const EXCEPTION_KINDS = ['order', 'return', 'dead-letter'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Filters of the exception queue; all optional, combined with AND. */
export class ExceptionQueryDto {
  @IsOptional() @IsIn(EXCEPTION_KINDS) kind?: ExceptionKind;
  /** FAILED, WAITING_FOR_ERP, BACKORDERED (orders); EXCEPTION, WAITING (returns). */
  @IsOptional() @Matches(/^[A-Z_]{2,24}$/) @MaxLength(24) state?: string;
  /** The error code of the last failure, e.g. downstream-unavailable, validation. */
  @IsOptional() @Matches(/^[a-z-]{2,40}$/) @MaxLength(40) errorCode?: string;
  @IsOptional() @IsIn(ORDER_CHANNELS) channel?: OrderChannel;
  /** The Shopify shop an order, return or dead letter belongs to, e.g. weft-eu.myshopify.com. */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/) @MaxLength(120) shop?: string;
  /** The location the order takes stock from (a store for POS sales). */
  @IsOptional() @IsString() @MaxLength(64) store?: string;
  /** Dead letters: the event type, e.g. weft.order.created.v1. */
  @IsOptional() @Matches(/^[a-z0-9.-]{3,120}$/) @MaxLength(120) type?: string;
  /** Only items in the queue for at least this many minutes. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(525600) olderThanMinutes?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ExceptionItemDto {
  kind: ExceptionKind;
  @MaxLength(200) id: string;
  /** The state it is in (dead letters: DEAD_LETTERED). */
  @MaxLength(64) state: string;
  @MaxLength(64) errorCode: string | null;
  @MaxLength(2000) error: string | null;
  @MaxLength(64) channel: string | null;
  /** Shopify orders (and their returns and dead letters): the shop's domain. */
  @MaxLength(120) shop: string | null;
  @MaxLength(64) store: string | null;
  /** Dead letters: event type and the consumer that failed on it. */
  @MaxLength(200) type: string | null;
  @MaxLength(200) consumer: string | null;
  attempts: number;
  @MaxLength(40) nextAttemptAt: string | null;
  /** When it entered the queue (its last update for orders and returns). */
  @MaxLength(40) since: string;
}

export class ExceptionTimelineEntryDto {
  @MaxLength(64) from: string | null;
  @MaxLength(64) to: string;
  @MaxLength(2000) cause: string;
  @MaxLength(40) at: string;
}

export class ExceptionDetailDto extends ExceptionItemDto {
  /** The canonical order or return, or the dead-lettered CloudEvent. */
  payload: Record<string, unknown>;
  @ArrayMaxSize(1000) timeline: ExceptionTimelineEntryDto[];
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

export class BulkRetrySkipDto {
  @MaxLength(200) id: string;
  @MaxLength(2000) why: string;
}

export class BulkRetryResultDto {
  matched: number;
  @ArrayMaxSize(500) @MaxLength(200, { each: true }) retried: string[];
  @ArrayMaxSize(500) skipped: BulkRetrySkipDto[];
}

/** One audited operator action: who did what to which item, when and why. */
export class OperatorActionDto {
  @MaxLength(200) id: string;
  @MaxLength(200) actor: string;
  @MaxLength(64) action: string;
  @MaxLength(64) kind: string;
  @MaxLength(200) targetId: string;
  @MaxLength(500) reason: string | null;
  @MaxLength(64) outcome: string;
  @MaxLength(40) at: string;
}

export class AuditQueryDto {
  @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
