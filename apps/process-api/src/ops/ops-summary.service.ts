import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThanOrEqual, Repository } from 'typeorm';
import { DeadLetter } from '@weft/messaging';
import { ageSeconds, WeftMetrics } from '@weft/observability';
import { ExceptionCountsDto, mapCircuitStatus, OpsSummaryDto, OrderFlowCellDto, SyncLatencyDto } from '@weft/retail-model';
import { InventoryDriftService } from '../inventory/inventory-drift.service';
import { OrderRecord, OrderTransition } from '../orders/order.entity';
import { OrderState } from '../orders/order-state';
import { ReturnRecord } from '../returns/return.entity';
import { ReturnState } from '../returns/return-state';
import { OrderKpis } from './order-kpis';

/** The latencies are over the newest accepted orders of the window: enough for a percentile, bounded for a poll. */
const LATENCY_SAMPLE = 2000;

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** One read of what operations watch, for the dashboard's poll; the same figures /metrics exports. */
@Injectable()
export class OpsSummaryService {
  constructor(
    private readonly kpis: OrderKpis,
    private readonly drift: InventoryDriftService,
    private readonly metrics: WeftMetrics,
    @InjectRepository(DeadLetter) private readonly deadLetters: Repository<DeadLetter>,
  ) {}

  async summary(windowMinutes: number): Promise<OpsSummaryDto> {
    const now = Date.now();
    const since = new Date(now - windowMinutes * 60_000).toISOString();
    const uow = this.kpis.uow;
    // The reads are not one snapshot, so the transitions go first: an order counted as accepted in the
    // latency figures is then never still VALIDATED in the flow read after them (seen in CI).
    const syncLatency = await this.syncLatency(since, windowMinutes);
    const flow = await this.kpis.perState();
    const aging = await this.kpis.oldestPerState();
    const received = await uow.serialised(() =>
      uow.manager
        .createQueryBuilder(OrderRecord, 'o')
        .select('o.channel', 'channel')
        .addSelect('COUNT(*)', 'n')
        .where('o.createdAt >= :since', { since })
        .groupBy('o.channel')
        .getRawMany<{ channel: string; n: string | number }>(),
    );
    return {
      at: new Date(now).toISOString(),
      flow: flow.map((r) => ({ state: r.state, channel: r.channel, count: r.n })),
      receivedInWindow: received.map((r): OrderFlowCellDto => ({ state: 'RECEIVED', channel: r.channel, count: Number(r.n) })),
      aging: aging.map((r) => ({ state: r.state, oldestSince: r.oldest, ageSeconds: Math.round(ageSeconds(r.oldest, now)) })),
      syncLatency,
      exceptions: await this.exceptions(flow),
      deadLettersPending: await uow.serialised(() => this.deadLetters.count({ where: { replayedAt: IsNull() } })),
      circuits: this.metrics.circuitStates().map((c) => mapCircuitStatus(this.metrics.service, c)),
      stockAccuracy: this.drift.accuracy(),
    };
  }

  private async syncLatency(since: string, windowMinutes: number): Promise<SyncLatencyDto> {
    const uow = this.kpis.uow;
    const rows = await uow.serialised(() =>
      uow.manager
        .createQueryBuilder(OrderTransition, 't')
        .innerJoin(OrderRecord, 'o', 'o.id = t.orderId')
        .select('t.at', 'at')
        .addSelect('o.createdAt', 'createdAt')
        .where('t.toState = :state', { state: OrderState.ACCEPTED_BY_ERP })
        .andWhere('t.at >= :since', { since })
        .orderBy('t.at', 'DESC')
        .limit(LATENCY_SAMPLE)
        .getRawMany<{ at: string; createdAt: string }>(),
    );
    const accepted = await uow.serialised(() =>
      uow.manager.count(OrderTransition, { where: { toState: OrderState.ACCEPTED_BY_ERP, at: MoreThanOrEqual(since) } }),
    );
    const seconds = rows.map((r) => Math.max(0, (Date.parse(r.at) - Date.parse(r.createdAt)) / 1000)).sort((a, b) => a - b);
    const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 1000);
    return {
      windowMinutes,
      accepted,
      p50Seconds: round(percentile(seconds, 50)),
      p95Seconds: round(percentile(seconds, 95)),
      lastAcceptedAt: rows[0]?.at ?? null,
    };
  }

  private async exceptions(flow: { state: string; n: number }[]): Promise<ExceptionCountsDto> {
    const inState = (s: OrderState): number => flow.filter((r) => r.state === s).reduce((n, r) => n + r.n, 0);
    const uow = this.kpis.uow;
    return {
      failed: inState(OrderState.FAILED),
      waiting: inState(OrderState.ON_HOLD),
      waitingForErp: inState(OrderState.WAITING_FOR_ERP),
      backordered: inState(OrderState.BACKORDERED),
      returnExceptions: await uow.serialised(() => uow.manager.count(ReturnRecord, { where: { state: ReturnState.EXCEPTION } })),
    };
  }
}
