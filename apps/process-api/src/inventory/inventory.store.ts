import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { UnitOfWork } from '@weft/persistence';
import { StockFigures } from './availability';
import { StockHold, StockProjection } from './inventory.entities';

export interface StockKey {
  sku: string;
  locationId: string;
}

export interface ErpLevel extends StockKey {
  onHand: number;
  reserved: number;
}

export interface LocationFigures extends StockKey, StockFigures {
  updatedAt: string;
}

export const stockKey = (k: StockKey): string => `${k.sku}@${k.locationId}`;

/** Reads and writes the stock projection; every write takes the caller's transaction. */
@Injectable()
export class InventoryStore {
  constructor(readonly uow: UnitOfWork) {}

  /** Figures per location of the given SKUs (optionally one location), from a manager or the shared one. */
  async figures(skus: string[], locationId?: string, m: EntityManager = this.uow.manager): Promise<LocationFigures[]> {
    if (skus.length === 0) return [];
    const where = locationId ? { sku: In(skus), locationId } : { sku: In(skus) };
    const [rows, holds] = await Promise.all([
      m.find(StockProjection, { where, order: { sku: 'ASC', locationId: 'ASC' } }),
      m.find(StockHold, { where: { ...where, open: true } }),
    ]);
    const pending = new Map<string, number>();
    for (const h of holds) pending.set(stockKey(h), (pending.get(stockKey(h)) ?? 0) + h.quantity);
    const out: LocationFigures[] = rows.map((r) => ({
      sku: r.sku,
      locationId: r.locationId,
      onHand: r.onHand,
      reserved: r.reserved,
      pending: pending.get(stockKey(r)) ?? 0,
      updatedAt: r.updatedAt,
    }));
    // Units sold at a location the ERP has no stock row for still count against it.
    for (const [key, units] of pending) {
      if (rows.some((r) => stockKey(r) === key)) continue;
      const h = holds.find((x) => stockKey(x) === key)!;
      out.push({ sku: h.sku, locationId: h.locationId, onHand: 0, reserved: 0, pending: units, updatedAt: h.at });
    }
    return out;
  }

  readFigures(skus: string[], locationId?: string): Promise<LocationFigures[]> {
    return this.uow.serialised(() => this.figures(skus, locationId));
  }

  async knownSkus(): Promise<string[]> {
    const rows = await this.uow.serialised(() =>
      this.uow.manager.createQueryBuilder(StockProjection, 's').select('DISTINCT s.sku', 'sku').getRawMany<{ sku: string }>(),
    );
    return rows.map((r) => r.sku);
  }

  /** Takes the ERP's figures unless a later read was applied already. */
  async applyErpLevels(m: EntityManager, levels: ErpLevel[], erpAsOf: string, now: string): Promise<void> {
    for (const l of levels) {
      let existing = await m.findOneBy(StockProjection, { sku: l.sku, locationId: l.locationId });
      if (!existing) {
        // Concurrent first orders for a new SKU all load it: the first insert wins, the others fall through
        // to the same rules as an existing row (ON CONFLICT DO NOTHING / INSERT OR IGNORE). Re-reading after
        // our own insert finds the figures just written, so the rules below change nothing then.
        await m
          .createQueryBuilder()
          .insert()
          .into(StockProjection)
          .values({ sku: l.sku, locationId: l.locationId, onHand: l.onHand, reserved: l.reserved, erpAsOf, updatedAt: now })
          .orIgnore()
          .execute();
        existing = await m.findOneBy(StockProjection, { sku: l.sku, locationId: l.locationId });
        if (!existing) continue;
      }
      if (existing.erpAsOf <= erpAsOf && (existing.onHand !== l.onHand || existing.reserved !== l.reserved)) {
        await m.update(
          StockProjection,
          { sku: l.sku, locationId: l.locationId },
          { onHand: l.onHand, reserved: l.reserved, erpAsOf, updatedAt: now },
        );
      } else if (existing.erpAsOf <= erpAsOf) {
        await m.update(StockProjection, { sku: l.sku, locationId: l.locationId }, { erpAsOf });
      }
    }
  }

  /** Opens a hold per line unless one exists (open, or closed by an earlier-arriving event). */
  async openHolds(
    m: EntityManager,
    orderKey: string,
    locationId: string,
    lines: { sku: string; quantity: number }[],
    now: string,
  ): Promise<void> {
    for (const l of lines) {
      if (await m.findOneBy(StockHold, { orderKey, sku: l.sku, locationId })) continue;
      await m.insert(StockHold, { orderKey, sku: l.sku, locationId, quantity: l.quantity, open: true, at: now });
    }
  }

  async closeHolds(
    m: EntityManager,
    orderKey: string,
    locationId: string,
    lines: { sku: string; quantity: number }[],
    now: string,
  ): Promise<void> {
    for (const l of lines) {
      const existing = await m.findOneBy(StockHold, { orderKey, sku: l.sku, locationId });
      if (!existing) await m.insert(StockHold, { orderKey, sku: l.sku, locationId, quantity: l.quantity, open: false, at: now });
      else if (existing.open) await m.update(StockHold, { orderKey, sku: l.sku, locationId }, { open: false, at: now });
    }
  }
}
