import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { ShopifyIntakeService } from '../intake/shopify-intake.service';
import { shopifyExternalId } from '../intake/shopify-order.mapper';
import { businessKey } from '../orders/order-intake.service';
import { OrderStore } from '../orders/order.store';
import { ShopifyCatchUpState } from './shopify-catch-up.entity';
import { ShopifyChannelConfig } from './shopify-channel.config';
import { SHOPIFY_SYSTEM_PORT, ShopifyOrderChange, ShopifySystemPort } from './shopify-system.port';

export interface CatchUpPage {
  shop: string;
  /** Orders Shopify reported changed on this page. */
  seen: number;
  /** Of those, fed into intake because Weft did not have them, or had an older version. */
  fed: number;
  fedOrders: string[];
  nextCursor: string | null;
  watermark: string;
}

export interface CatchUpRun {
  shop: string;
  since: string;
  /** query: orders paged 100 at a time; bulk: one Shopify bulk operation (windows over SHOPIFY_CATCH_UP_BULK_AFTER_DAYS). */
  via: 'query' | 'bulk';
  pages: number;
  seen: number;
  fed: number;
  fedOrders: string[];
  watermark: string;
}

const tail = (gid: string) => /\/(\d+)$/.exec(gid)?.[1] ?? gid;
const DAY_MS = 86_400_000;
/** Bulk operation states that will not turn into COMPLETED. */
const BULK_ENDED = new Set(['FAILED', 'CANCELED', 'CANCELING', 'EXPIRED']);

/**
 * Webhooks are not guaranteed, so each shop is reconciled: orders updated since the watermark are
 * paged from Shopify, and any Weft has not seen (or holds an older version of) is fetched and fed to
 * the same intake a webhook delivery goes through, which deduplicates it the same way.
 */
@Injectable()
export class ShopifyCatchUpService {
  private readonly logger = new Logger('ShopifyCatchUp');
  private readonly running = new Set<string>();

  constructor(
    @Inject(SHOPIFY_SYSTEM_PORT) private readonly shopify: ShopifySystemPort,
    private readonly intake: ShopifyIntakeService,
    private readonly orders: OrderStore,
    private readonly uow: UnitOfWork,
    private readonly config: ShopifyChannelConfig,
  ) {}

  shops(): Promise<string[]> {
    return this.shopify.shops();
  }

  async states(): Promise<ShopifyCatchUpState[]> {
    return this.uow.serialised(() => this.uow.manager.find(ShopifyCatchUpState, { order: { shop: 'ASC' } }));
  }

  /** Where a run starts: the watermark less the overlap, or the look-back for a shop never caught up. */
  async defaultSince(shop: string): Promise<string> {
    const state = await this.uow.serialised(() => this.uow.manager.findOneBy(ShopifyCatchUpState, { shop }));
    const from = state ? Date.parse(state.watermark) - this.config.catchUpOverlapMs : Date.now() - this.config.catchUpLookbackMs;
    return new Date(from).toISOString();
  }

  async count(shop: string, since: string): Promise<number> {
    return (await this.shopify.ordersCount(shop, since)).count;
  }

  async page(shop: string, since: string, after?: string): Promise<CatchUpPage> {
    const { orders, nextCursor } = await this.shopify.ordersUpdatedSince(shop, since, after);
    const { fedOrders, watermark } = await this.feed(shop, orders);
    return { shop, seen: orders.length, fed: fedOrders.length, fedOrders, nextCursor, watermark };
  }

  /** Feeds the changes Weft has not seen (or holds an older version of) into intake, then moves the watermark. */
  private async feed(shop: string, orders: ShopifyOrderChange[]): Promise<{ fedOrders: string[]; watermark: string }> {
    const fedOrders: string[] = [];
    for (const change of orders) {
      const known = await this.orders.findByBusinessKey(businessKey('shopify', shopifyExternalId(shop, tail(change.id))));
      if (known && Date.parse(known.sourceUpdatedAt) >= Date.parse(change.updatedAt)) continue;
      const { body } = await this.shopify.order(shop, change.id);
      await this.intake.handle({
        topic: 'orders/updated',
        dedupeKey: `catch-up:${shop}:${tail(change.id)}:${change.updatedAt}`,
        shopDomain: shop,
        body: JSON.stringify(body),
      });
      fedOrders.push(change.name || change.id);
    }
    const latest = orders
      .map((o) => o.updatedAt)
      .sort()
      .at(-1);
    const watermark = await this.advance(shop, latest, orders.length, fedOrders.length);
    if (fedOrders.length)
      this.logger.warn(`${shop}: caught up ${fedOrders.length} order(s) whose webhook never arrived: ${fedOrders.join(', ')}`);
    return { fedOrders, watermark };
  }

  /** Whether a window from `since` is large enough for a bulk operation (paging it would cost thousands of calls). */
  usesBulk(since: string): boolean {
    const days = this.config.bulk.afterDays;
    return days > 0 && Date.now() - Date.parse(since) > days * DAY_MS;
  }

  /**
   * A large window as one bulk operation: Shopify runs the change list on its side, it is polled until
   * COMPLETED, and its result is read back a page at a time and fed like a query page. A bulk operation
   * that fails, is cancelled or outlives SHOPIFY_BULK_TIMEOUT_MS fails the run (the watermark stays).
   */
  private async runBulk(shop: string, from: string): Promise<CatchUpRun> {
    const total: CatchUpRun = { shop, since: from, via: 'bulk', pages: 0, seen: 0, fed: 0, fedOrders: [], watermark: from };
    let scan = await this.shopify.startBulkOrderScan(shop, from);
    const deadline = Date.now() + this.config.bulk.timeoutMs;
    while (scan.status !== 'COMPLETED') {
      if (BULK_ENDED.has(scan.status))
        throw new DomainError(
          ErrorCode.DOWNSTREAM_REJECTED,
          `bulk operation ${scan.id} of ${shop} ended ${scan.status}${scan.errorCode ? ` (${scan.errorCode})` : ''}`,
          { extensions: { bulkOperationId: scan.id } },
        );
      if (Date.now() > deadline)
        throw new DomainError(
          ErrorCode.DOWNSTREAM_TIMEOUT,
          `bulk operation ${scan.id} of ${shop} still ${scan.status} after ${this.config.bulk.timeoutMs} ms`,
          { extensions: { bulkOperationId: scan.id } },
        );
      await new Promise((r) => setTimeout(r, this.config.bulk.pollMs));
      scan = await this.shopify.bulkOrderScan(shop, scan.id);
    }
    for (;;) {
      const { fedOrders, watermark } = await this.feed(shop, scan.orders);
      total.pages++;
      total.seen += scan.orders.length;
      total.fed += fedOrders.length;
      total.fedOrders.push(...fedOrders);
      total.watermark = watermark;
      if (scan.nextOffset === null) return total;
      scan = await this.shopify.bulkOrderScan(shop, scan.id, scan.nextOffset);
    }
  }

  /** Every page from `since` (default: the watermark less the overlap); one run per shop at a time. */
  async run(shop: string, since?: string): Promise<CatchUpRun> {
    if (this.running.has(shop)) throw new Error(`a catch-up of ${shop} is already running`);
    this.running.add(shop);
    try {
      const from = since ?? (await this.defaultSince(shop));
      if (this.usesBulk(from)) return await this.runBulk(shop, from);
      const total: CatchUpRun = { shop, since: from, via: 'query', pages: 0, seen: 0, fed: 0, fedOrders: [], watermark: from };
      let after: string | undefined;
      do {
        const p = await this.page(shop, from, after);
        total.pages++;
        total.seen += p.seen;
        total.fed += p.fed;
        total.fedOrders.push(...p.fedOrders);
        total.watermark = p.watermark;
        after = p.nextCursor ?? undefined;
      } while (after);
      return total;
    } catch (e) {
      await this.recordError(shop, (e as Error).message);
      throw e;
    } finally {
      this.running.delete(shop);
    }
  }

  /** Moves the watermark forward only (a run from an older `since` never moves it back). */
  private async advance(shop: string, latest: string | undefined, seen: number, fed: number): Promise<string> {
    return this.uow.run(async (m) => {
      const state = await m.findOneBy(ShopifyCatchUpState, { shop });
      const watermark =
        [state?.watermark, latest]
          .filter((x): x is string => !!x)
          .sort()
          .at(-1) ?? new Date(0).toISOString();
      const row: ShopifyCatchUpState = {
        shop,
        watermark,
        lastRunAt: new Date().toISOString(),
        lastSeen: seen,
        lastFed: fed,
        lastError: null,
      };
      if (state) await m.update(ShopifyCatchUpState, { shop }, row);
      else await m.insert(ShopifyCatchUpState, row);
      return watermark;
    });
  }

  private async recordError(shop: string, message: string): Promise<void> {
    await this.uow.run(async (m) => {
      const state = await m.findOneBy(ShopifyCatchUpState, { shop });
      if (state) await m.update(ShopifyCatchUpState, { shop }, { lastError: message.slice(0, 300), lastRunAt: new Date().toISOString() });
    });
  }
}
