import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@weft/problem';
import { availableFor, sellsFrom } from './availability';
import { InventoryConfig } from './inventory.config';
import { StockProjection } from './inventory.entities';
import { InventoryProjector } from './inventory-projector';
import { InventoryService } from './inventory.service';
import { InventoryStore } from './inventory.store';

export interface LedgerLine {
  sku: string;
  quantity: number;
}

/**
 * Weft's availability and reservation ledger: the ERP's projected stock less the units Weft already
 * holds for orders the ERP has not reserved yet. A storefront or partner order is accepted against it
 * without calling the ERP; the ERP reservation follows in the order's workflow and converts the hold.
 */
@Injectable()
export class StockLedger {
  constructor(
    private readonly store: InventoryStore,
    private readonly projector: InventoryProjector,
    private readonly inventory: InventoryService,
    private readonly config: InventoryConfig,
  ) {}

  /** SKUs the ledger has never seen are loaded from the ERP first (outside any transaction); known ones need no ERP. */
  async prepare(skus: string[]): Promise<void> {
    await this.inventory.ensureFigures([...new Set(skus)]);
  }

  /**
   * Holds the lines at one location for an order, in the caller's transaction, or throws OUT_OF_STOCK
   * and holds nothing. Each SKU@location row is locked before its holds are summed, so two replicas
   * taking the last unit serialise on the row and the second sees the first's hold.
   */
  async hold(m: EntityManager, orderKey: string, channel: string, locationId: string, lines: LedgerLine[]): Promise<void> {
    const wanted = new Map<string, number>();
    for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
    // One lock order for every order: two orders over the same SKUs cannot deadlock.
    const skus = [...wanted.keys()].sort();
    const now = new Date().toISOString();
    await this.projector.change(m, skus, `held for ${orderKey}`, async () => {
      for (const sku of skus) await this.lock(m, sku, locationId, now);
      const figures = await this.store.figures(skus, locationId, m);
      const short = skus
        .map((sku) => {
          const f = figures.find((x) => x.sku === sku);
          const sellable = f && sellsFrom(this.config.channelLocations, channel, locationId);
          // Safety stock buffers the figures published to channels; an order checked here against the ledger itself needs none.
          const available = sellable ? availableFor(f, 0) : 0;
          return { sku, requested: wanted.get(sku)!, available };
        })
        .filter((x) => x.available < x.requested);
      if (short.length > 0) {
        throw new DomainError(
          ErrorCode.OUT_OF_STOCK,
          `Not enough stock at ${locationId}: ${short.map((s) => `${s.sku} ${s.available} available, ${s.requested} requested`).join('; ')}`,
          { extensions: { locationId, lines: short } },
        );
      }
      await this.store.openHolds(
        m,
        orderKey,
        locationId,
        skus.map((sku) => ({ sku, quantity: wanted.get(sku)! })),
        now,
      );
    });
  }

  /** Takes the row lock (PostgreSQL) with a write every dialect accepts; SQLite's writer lock already serialises. */
  private async lock(m: EntityManager, sku: string, locationId: string, now: string): Promise<void> {
    await m.update(StockProjection, { sku, locationId }, { updatedAt: now });
  }
}
