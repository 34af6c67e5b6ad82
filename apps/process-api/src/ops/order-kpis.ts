import { Injectable } from '@nestjs/common';
import { ageSeconds, WeftMetrics } from '@weft/observability';
import { UnitOfWork } from '@weft/persistence';
import { OrderRecord } from '../orders/order.entity';
import { OrderState, TERMINAL_STATES } from '../orders/order-state';
import { ReturnRecord } from '../returns/return.entity';
import { ReturnState } from '../returns/return-state';
import { shopOf } from './exceptions.dto';

/** Seconds: from sub-second embedded runs to an ERP that is down for an afternoon. */
const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

/** Which exception kind a state is: FAILED (retries exhausted), WAITING (held for an outside fact), EXCEPTION (returns). */
export function exceptionKind(state: string): 'FAILED' | 'WAITING' | 'EXCEPTION' | undefined {
  if (state === OrderState.FAILED) return 'FAILED';
  if (state === OrderState.ON_HOLD) return 'WAITING';
  if (state === ReturnState.EXCEPTION) return 'EXCEPTION';
  return undefined;
}

/**
 * The shop label of an order: the Shopify shop's domain for Shopify orders, the partner for partner orders,
 * else the stock location (a store for POS, the web warehouse for the storefront).
 */
export function salesPointOf(order: Pick<OrderRecord, 'businessKey' | 'partnerId' | 'document'>): string {
  const shop = shopOf(order.businessKey);
  if (shop) return shop;
  if (order.partnerId) return order.partnerId;
  try {
    return String((JSON.parse(order.document) as { locationId?: string }).locationId ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/**
 * The business KPIs operations watch: order sync latency (received → accepted by the ERP), order
 * aging, exceptions, refund completion time, shipment update timeliness. Counts and ages are read from
 * the database at scrape time, so every replica reports the same truth; durations are observed as
 * transitions happen.
 */
@Injectable()
export class OrderKpis {
  private readonly syncLatency;
  private readonly refundCompletion;
  private readonly shipmentDelay;
  private readonly exceptions;
  private counting?: Promise<{ state: string; channel: string; n: number; oldest: string }[]>;

  constructor(
    metrics: WeftMetrics,
    readonly uow: UnitOfWork,
  ) {
    this.syncLatency = metrics.histogram(
      'weft_order_sync_duration_seconds',
      'Order synchronisation latency: received from the channel until accepted by the ERP.',
      ['channel', 'shop'],
      LATENCY_BUCKETS,
    );
    this.refundCompletion = metrics.histogram(
      'weft_refund_completion_duration_seconds',
      'Return requested until the refund is posted.',
      ['channel'],
      LATENCY_BUCKETS,
    );
    this.shipmentDelay = metrics.histogram(
      'weft_shipment_update_delay_seconds',
      'ERP shipment recorded until the order reflects it.',
      ['channel'],
      LATENCY_BUCKETS,
    );
    this.exceptions = metrics.counter(
      'weft_order_exceptions_total',
      'Orders and returns entering FAILED, WAITING (on hold) or EXCEPTION.',
      ['kind', 'channel'],
    );
    metrics.gauge('weft_orders', 'Orders per state and channel.', ['state', 'channel'], async () =>
      (await this.perState()).map((r) => ({ labels: { state: r.state, channel: r.channel }, value: r.n })),
    );
    metrics.gauge(
      'weft_order_oldest_age_seconds',
      'Age of the oldest order in each open state (time since its last change).',
      ['state'],
      async () => (await this.oldestPerState()).map((r) => ({ labels: { state: r.state }, value: ageSeconds(r.oldest) })),
    );
    metrics.gauge('weft_exceptions_open', 'Orders and returns currently FAILED, WAITING or in EXCEPTION.', ['kind'], async () =>
      this.openExceptions(),
    );
  }

  orderTransition(order: OrderRecord, to: OrderState): void {
    if (to === OrderState.ACCEPTED_BY_ERP)
      this.syncLatency.observe({ channel: order.channel, shop: salesPointOf(order) }, ageSeconds(order.createdAt));
    const kind = exceptionKind(to);
    if (kind) this.exceptions.inc({ kind, channel: order.channel });
  }

  returnTransition(ret: ReturnRecord, to: ReturnState): void {
    if (to === ReturnState.REFUNDED) this.refundCompletion.observe({ channel: ret.channel }, ageSeconds(ret.createdAt));
    if (to === ReturnState.EXCEPTION) this.exceptions.inc({ kind: 'EXCEPTION', channel: ret.channel });
  }

  shipmentApplied(order: OrderRecord, recordedAt: string | undefined): void {
    if (recordedAt) this.shipmentDelay.observe({ channel: order.channel }, ageSeconds(recordedAt));
  }

  perState(): Promise<{ state: string; channel: string; n: number }[]> {
    return this.stateCounts().then((rows) => rows.map(({ state, channel, n }) => ({ state, channel, n })));
  }

  oldestPerState(): Promise<{ state: string; oldest: string }[]> {
    return this.stateCounts().then((rows) => {
      const oldest = new Map<string, string>();
      for (const r of rows) if (!oldest.has(r.state) || r.oldest < oldest.get(r.state)!) oldest.set(r.state, r.oldest);
      return [...oldest]
        .filter(([state]) => !TERMINAL_STATES.has(state as OrderState) || state === OrderState.FAILED)
        .map(([state, at]) => ({ state, oldest: at }));
    });
  }

  /**
   * Orders per state and channel with the oldest change of each, in one GROUP BY shared by every gauge of a
   * scrape (prom-client collects them together): each gauge used to scan the orders table on its own, four
   * full scans per scrape. A call made after the shared one has finished reads afresh.
   */
  private stateCounts(): Promise<{ state: string; channel: string; n: number; oldest: string }[]> {
    this.counting ??= this.uow
      .serialised(() =>
        this.uow.manager
          .createQueryBuilder(OrderRecord, 'o')
          .select('o.state', 'state')
          .addSelect('o.channel', 'channel')
          .addSelect('COUNT(*)', 'n')
          .addSelect('MIN(o.updatedAt)', 'oldest')
          .groupBy('o.state')
          .addGroupBy('o.channel')
          .getRawMany<{ state: string; channel: string; n: string | number; oldest: string }>(),
      )
      .then((rows) => rows.map((r) => ({ ...r, n: Number(r.n) })))
      .finally(() => (this.counting = undefined));
    return this.counting;
  }

  private async openExceptions(): Promise<{ labels: { kind: string }; value: number }[]> {
    const [orders, exception] = await Promise.all([
      this.stateCounts(),
      this.uow.serialised(() => this.uow.manager.count(ReturnRecord, { where: { state: ReturnState.EXCEPTION } })),
    ]);
    const inState = (state: OrderState) => orders.filter((r) => r.state === state).reduce((sum, r) => sum + r.n, 0);
    const [failed, waiting] = [inState(OrderState.FAILED), inState(OrderState.ON_HOLD)];
    return [
      { labels: { kind: 'FAILED' }, value: failed },
      { labels: { kind: 'WAITING' }, value: waiting },
      { labels: { kind: 'EXCEPTION' }, value: exception },
    ];
  }
}
