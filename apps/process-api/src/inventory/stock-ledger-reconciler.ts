import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { WeftConfig } from '@weft/config';
import { Pump } from '@weft/platform';
import { OrderRecord } from '../orders/order.entity';
import { effectiveState, OrderState } from '../orders/order-state';
import { availableFor } from './availability';
import { InventoryConfig } from './inventory.config';
import { InventoryDrift, StockHold } from './inventory.entities';
import { InventoryProjector } from './inventory-projector';
import { InventoryService } from './inventory.service';
import { InventoryStore, stockKey } from './inventory.store';

/** States whose order the ERP has reserved (the InventoryReserved event converts the hold; a missed one is drift). */
const ERP_HOLDS_IT: ReadonlySet<OrderState> = new Set([
  OrderState.RESERVED,
  OrderState.SUBMITTED,
  OrderState.ACCEPTED_BY_ERP,
  OrderState.PARTIALLY_FULFILLED,
  OrderState.FULFILLED,
  OrderState.INVOICED,
  OrderState.COMPLETED,
]);

/** A converted order's event may still be on its way: only a hold older than this is corrected. */
const GRACE_MS = 60_000;

export interface ReconcileResult {
  released: number;
  drift: number;
}

/**
 * Reconciles the ledger's holds with the orders and the ERP: a hold whose order FAILED (or was
 * cancelled) is released; a hold still open although the ERP reserved its order is closed after the
 * ERP's figures are re-read, and recorded as drift (the ledger and the ERP disagreed). Every
 * INVENTORY_REFRESH_MS the projection is re-read from the ERP and then the holds are reconciled.
 */
@Injectable()
export class StockLedgerReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly pump: Pump;

  constructor(
    private readonly store: InventoryStore,
    private readonly projector: InventoryProjector,
    private readonly inventory: InventoryService,
    private readonly config: InventoryConfig,
    private readonly weft: WeftConfig,
  ) {
    this.pump = new Pump('StockLedgerReconciler', () => this.inventory.refreshAll().then(() => this.reconcile()), config.refreshMs);
  }

  onApplicationBootstrap(): void {
    if (this.config.refreshMs > 0 && this.weft.runsBackgroundWork) this.pump.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.pump.stop();
  }

  async reconcile(now = Date.now()): Promise<ReconcileResult> {
    const m = this.store.uow.manager;
    const holds = await this.store.uow.serialised(() => m.find(StockHold, { where: { open: true }, take: 1000 }));
    if (holds.length === 0) return { released: 0, drift: 0 };
    const keys = [...new Set(holds.map((h) => h.orderKey))];
    const orders = await this.store.uow.serialised(() => m.findBy(OrderRecord, { businessKey: In(keys) }));
    const result: ReconcileResult = { released: 0, drift: 0 };
    for (const order of orders) {
      const state = effectiveState(order);
      const mine = holds.filter((h) => h.orderKey === order.businessKey);
      if (state === OrderState.FAILED || state === OrderState.CANCELLED) {
        await this.close(order.businessKey, mine, `released: order ${order.businessKey} ${state}`);
        result.released += mine.length;
      } else if (ERP_HOLDS_IT.has(state) && now - Date.parse(order.updatedAt) > GRACE_MS) {
        await this.inventory.refresh([...new Set(mine.map((h) => h.sku))], 'ledger reconciliation with the ERP');
        await this.close(order.businessKey, mine, `converted late: order ${order.businessKey} ${state} in the ERP`, true);
        result.drift += mine.length;
      }
    }
    return result;
  }

  private async close(orderKey: string, holds: StockHold[], cause: string, drift = false): Promise<void> {
    const skus = [...new Set(holds.map((h) => h.sku))];
    const at = new Date().toISOString();
    await this.store.uow.run(async (m) => {
      const before = new Map((await this.store.figures(skus, undefined, m)).map((f) => [stockKey(f), f]));
      await this.projector.change(m, skus, `ledger ${cause}`, async () => {
        for (const h of holds)
          await m.update(StockHold, { orderKey, sku: h.sku, locationId: h.locationId, open: true }, { open: false, at });
      });
      if (!drift) return;
      for (const h of holds) {
        const f = before.get(stockKey(h));
        await m.insert(InventoryDrift, {
          id: randomUUID(),
          channel: 'ledger',
          sku: h.sku,
          locationId: h.locationId,
          channelValue: f ? availableFor(f, 0) : null,
          erpValue: f ? availableFor({ ...f, pending: f.pending - h.quantity }, 0) : 0,
          onHand: f?.onHand ?? 0,
          reserved: f?.reserved ?? 0,
          source: `ledger reconciliation: hold of ${h.quantity} open for ${orderKey}, which the ERP already reserved`.slice(0, 300),
          at,
        });
      }
    });
  }
}
