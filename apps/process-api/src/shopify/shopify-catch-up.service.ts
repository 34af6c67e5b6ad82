import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@weft/persistence';
import { ShopifyIntakeService } from '../intake/shopify-intake.service';
import { shopifyExternalId } from '../intake/shopify-order.mapper';
import { businessKey } from '../orders/order-intake.service';
import { OrderStore } from '../orders/order.store';
import { ShopifyCatchUpState } from './shopify-catch-up.entity';
import { ShopifyChannelConfig } from './shopify-channel.config';
import { SHOPIFY_SYSTEM_PORT, ShopifySystemPort } from './shopify-system.port';

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
  pages: number;
  seen: number;
  fed: number;
  fedOrders: string[];
  watermark: string;
}

const tail = (gid: string) => /\/(\d+)$/.exec(gid)?.[1] ?? gid;

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
    return { shop, seen: orders.length, fed: fedOrders.length, fedOrders, nextCursor, watermark };
  }

  /** Every page from `since` (default: the watermark less the overlap); one run per shop at a time. */
  async run(shop: string, since?: string): Promise<CatchUpRun> {
    if (this.running.has(shop)) throw new Error(`a catch-up of ${shop} is already running`);
    this.running.add(shop);
    try {
      const from = since ?? (await this.defaultSince(shop));
      const total: CatchUpRun = { shop, since: from, pages: 0, seen: 0, fed: 0, fedOrders: [], watermark: from };
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
