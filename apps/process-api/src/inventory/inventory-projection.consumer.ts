import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent } from '@weft/events';
import { ConsumerRunner, EVENT_BUS, EventBus } from '@weft/messaging';
import { CanonicalOrder } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { SYSTEM_PORT, StockLevelView, SystemPort } from '../system/system.port';
import { CoalescedStockReads } from './coalesced-stock-reads';
import { InventoryProjector } from './inventory-projector';
import { InventoryStore } from './inventory.store';
import { isStockEventType, LEDGER_CHANNELS, STOCK_EVENT_TYPES, stockEffect } from './stock-effect';

export const INVENTORY_PROJECTION_CONSUMER = 'inventory-projection';

interface StockEventData {
  orderId?: string;
  businessKey?: string;
  locationId?: string;
  lines?: { sku: string; quantity: number }[];
}

/** Keeps the projection current from the order flow's events, each applied once. */
@Injectable()
export class InventoryProjectionConsumer implements OnApplicationBootstrap {
  /** Events handled side by side share their ERP stock reads (one call per batch, not one per event). */
  private readonly reads: CoalescedStockReads;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly runner: ConsumerRunner,
    private readonly store: InventoryStore,
    private readonly projector: InventoryProjector,
    @Inject(SYSTEM_PORT) system: SystemPort,
  ) {
    this.reads = new CoalescedStockReads((skus) => system.getStock(skus));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({ consumer: INVENTORY_PROJECTION_CONSUMER, types: [...STOCK_EVENT_TYPES], handler: (e) => this.handle(e) });
  }

  async handle(event: CloudEvent): Promise<void> {
    if (!isStockEventType(event.type)) return;
    const data = (event.data ?? {}) as StockEventData;
    const order = data.orderId
      ? await this.store.uow.serialised(() => this.store.uow.manager.findOneBy(OrderRecord, { id: data.orderId }))
      : null;
    const doc = order ? (JSON.parse(order.document) as CanonicalOrder) : undefined;
    const locationId = data.locationId ?? doc?.locationId;
    const lines = (doc?.lines ?? data.lines ?? []).map((l) => ({ sku: l.sku, quantity: l.quantity }));
    const orderKey = order?.businessKey ?? data.businessKey;
    if (!locationId || lines.length === 0) return;
    const skus = [...new Set(lines.map((l) => l.sku))];
    const effect = stockEffect(event.type, order?.channel);
    if (effect === 'none') return;
    // The ERP is read before the transaction (never hold a transaction open across HTTP).
    const erpAsOf = new Date().toISOString();
    const known = effect === 'hold' ? await this.store.readFigures(skus, locationId) : [];
    const levels: StockLevelView[] | undefined =
      effect !== 'hold' || skus.some((s) => !known.some((f) => f.sku === s)) ? await this.reads.get(skus) : undefined;
    await this.runner.applyOnce(INVENTORY_PROJECTION_CONSUMER, event, (_e, m) =>
      this.projector
        .change(m, skus, `${event.type} ${orderKey ?? ''}`.trim(), async () => {
          const now = new Date().toISOString();
          if (levels) await this.store.applyErpLevels(m, levels, erpAsOf, now);
          if (!orderKey) return;
          switch (effect) {
            case 'hold':
              return this.store.openHolds(m, orderKey, locationId, lines, now);
            case 'settle':
              // The ERP's figures now include this order: its ledger hold is converted (reserved, shipped) or released (cancelled).
              return order && LEDGER_CHANNELS.has(order.channel) ? this.store.closeHolds(m, orderKey, locationId, lines, now) : undefined;
            case 'refresh':
              return;
          }
        })
        .then(() => undefined),
    );
  }
}
