import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { cloudEvent, ErpSalesOrderCancelledData, EventType } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { SystemConfig } from '../system.config';
import { ErpFeedCursor } from './erp-feed-cursor.entity';
import { ErpGateway } from './erp.gateway';
import { ErpCancelledSalesOrder } from './erp.port';
import { eventIdFor, SYSTEM_SOURCE } from './erp.service';

export const CANCELLATION_FEED = 'cancellations';
const PAGE = 200;

/** The event for one cancellation; its id depends only on the sales order, so a re-read emits nothing new. */
export function cancellationEvent(c: ErpCancelledSalesOrder) {
  const data: ErpSalesOrderCancelledData = {
    salesOrderId: c.salesOrderId,
    ...(c.number ? { number: c.number } : {}),
    externalReference: c.externalReference,
    cancelledAt: c.cancelledAt,
  };
  return {
    ...cloudEvent(EventType.ErpSalesOrderCancelled, SYSTEM_SOURCE, c.externalReference, data),
    id: eventIdFor(`cancellation:${c.salesOrderId}`),
  };
}

/**
 * Sales orders cancelled in the ERP by its own users reach process-api (and from there the shop): the
 * ERP pushes nothing, so every ERP_CANCELLATION_POLL_MS its cancellations since the watermark (less
 * ERP_CANCELLATION_OVERLAP_MS) are read and each becomes one event in the outbox. Events are keyed on
 * the sales order, so the overlap, or a second replica polling at the same time, emits nothing twice.
 * Cancellations Weft itself asked for are read too; process-api finds those orders already cancelled.
 */
@Injectable()
export class ErpCancellationFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ErpCancellationFeed');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly gateway: ErpGateway,
    private readonly outbox: OutboxWriter,
    private readonly uow: UnitOfWork,
    private readonly config: SystemConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ERP_CANCELLATION_POLL_MS === 0 || !this.config.runsBackgroundWork) return;
    this.timer = setInterval(() => void this.poll().catch(() => undefined), this.config.ERP_CANCELLATION_POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One read until the ERP has nothing newer; a read under way is joined, not doubled. Returns how many were seen. */
  poll(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<number> {
    const cursor = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpFeedCursor, { feed: CANCELLATION_FEED }));
    let watermark = cursor?.watermark ?? new Date(Date.now() - this.config.ERP_CANCELLATION_LOOKBACK_MS).toISOString();
    let from = new Date(Date.parse(watermark) - (cursor ? this.config.ERP_CANCELLATION_OVERLAP_MS : 0)).toISOString();
    let seen = 0;
    try {
      for (;;) {
        const page = await this.gateway.erp.listCancelledSalesOrders(from, PAGE);
        for (const c of page) await this.emit(c);
        seen += page.length;
        const last = page.at(-1)?.cancelledAt;
        if (last && last > watermark) watermark = last;
        // A full page all at one time cannot move on: stop rather than read the same page forever.
        if (page.length < PAGE || !last || last === from) break;
        from = last;
      }
      await this.save(watermark, seen, null);
      return seen;
    } catch (e) {
      this.logger.warn(`ERP cancellation feed failed: ${(e as Error).message}`);
      await this.save(watermark, seen, (e as Error).message.slice(0, 300));
      throw e;
    }
  }

  private async emit(c: ErpCancelledSalesOrder): Promise<void> {
    try {
      await this.uow.run((m) => this.outbox.append(m, [cancellationEvent(c)]));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }

  private async save(watermark: string, lastSeen: number, lastError: string | null): Promise<void> {
    await this.uow.run((m) =>
      m.save(ErpFeedCursor, { feed: CANCELLATION_FEED, watermark, lastRunAt: new Date().toISOString(), lastSeen, lastError }),
    );
  }
}
