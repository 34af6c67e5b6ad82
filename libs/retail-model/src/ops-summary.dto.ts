import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';

/** The window that throughput and sync latency are measured over. */
export class OpsSummaryQueryDto {
  /** Minutes back from now (default 60). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1440) windowMinutes?: number;
}

/** How many orders are in one state on one channel. */
export class OrderFlowCellDto {
  @MaxLength(24) state: string;
  @MaxLength(24) channel: string;
  count: number;
}

/** The oldest order of an open state: how long the longest-waiting one has not moved. */
export class OrderAgingDto {
  @MaxLength(24) state: string;
  @MaxLength(40) oldestSince: string;
  ageSeconds: number;
}

/** Received from the channel until accepted by the ERP, over the orders accepted in the window. */
export class SyncLatencyDto {
  windowMinutes: number;
  /** Orders accepted by the ERP in the window (the latencies below are over at most the newest 2000 of them). */
  accepted: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  @MaxLength(40) lastAcceptedAt: string | null;
}

export class ExceptionCountsDto {
  failed: number;
  /** Orders on hold for an outside fact. */
  waiting: number;
  waitingForErp: number;
  backordered: number;
  /** Returns in EXCEPTION. */
  returnExceptions: number;
}

/** A circuit breaker in front of a downstream system, as the layer that holds it sees it. */
export class CircuitStatusDto {
  @MaxLength(64) layer: string;
  @MaxLength(64) target: string;
  /** closed, open, half-open or isolated (cockatiel's states). */
  @MaxLength(16) state: string;
}

/** cockatiel's CircuitState numbering, as WeftMetrics reports it. */
const CIRCUIT_STATE_NAMES = ['closed', 'open', 'half-open', 'isolated'];

export function mapCircuitStatus(layer: string, c: { target: string; state: number }): CircuitStatusDto {
  return { layer, target: c.target, state: CIRCUIT_STATE_NAMES[c.state] ?? 'unknown' };
}

/** Share of reported SKU@locations whose channel quantity matched the ERP's at their last report. */
export class StockAccuracyDto {
  @MaxLength(24) channel: string;
  ratio: number;
  skus: number;
}

/** What the operations dashboard shows at a glance; every figure is read when asked. */
export class OpsSummaryDto {
  @MaxLength(40) at: string;
  @ArrayMaxSize(1000) flow: OrderFlowCellDto[];
  /** Orders created in the window per channel (throughput). */
  @ArrayMaxSize(50) receivedInWindow: OrderFlowCellDto[];
  @ArrayMaxSize(50) aging: OrderAgingDto[];
  syncLatency: SyncLatencyDto;
  exceptions: ExceptionCountsDto;
  /** Dead letters not yet replayed. */
  deadLettersPending: number;
  @ArrayMaxSize(50) circuits: CircuitStatusDto[];
  @ArrayMaxSize(50) stockAccuracy: StockAccuracyDto[];
}
