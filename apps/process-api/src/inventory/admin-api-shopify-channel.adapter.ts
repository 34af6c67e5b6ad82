import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@weft/persistence';
import { isDomainError } from '@weft/problem';
import { SHOPIFY_SYSTEM_PORT, ShopifySystemPort } from '../shopify/shopify-system.port';
import { ChannelInventoryWrite, InventoryDrift } from './inventory.entities';
import { ChannelAvailabilityWrite, ShopifyChannelPort } from './shopify-channel.port';

type Status = ChannelInventoryWrite['status'];

/**
 * Writes availability to Shopify with inventorySetQuantities through system-api, compare-and-set:
 * the compare quantity is what Weft last wrote. Shopify holding something else means someone changed
 * it there: that is recorded as drift, then the ERP's figure is set (the ERP owns stock). Every
 * attempt is a row in channel_inventory_writes; a failed one is thrown so the scheduler retries it,
 * with the same idempotency key, so a write that did land before a timeout is not applied twice.
 */
@Injectable()
export class AdminApiShopifyChannelAdapter implements ShopifyChannelPort {
  private readonly logger = new Logger('ShopifyInventoryWrite');
  /** One write at a time per shop, SKU and location: the next one's compare quantity is the previous one's result. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SHOPIFY_SYSTEM_PORT) private readonly shopify: ShopifySystemPort,
  ) {}

  setAvailable(w: ChannelAvailabilityWrite): Promise<void> {
    const key = `${w.shop ?? ''}:${w.sku}@${w.locationId}`;
    const run = (this.chains.get(key) ?? Promise.resolve()).then(() => this.write(w));
    const settled = run.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return run;
  }

  private async write(w: ChannelAvailabilityWrite): Promise<void> {
    const [last] = await this.uow.serialised(() =>
      this.uow.manager.find(ChannelInventoryWrite, {
        where: this.sameTarget(w),
        order: { at: 'DESC' },
        take: 1,
      }),
    );
    const lastWritten = await this.lastWritten(w);
    // A retry of the same figure after a failure reuses its key: Shopify replays instead of applying again.
    const writeKey = last?.status === 'failed' && last.available === w.available && last.writeKey ? last.writeKey : randomUUID();
    const changeFrom = lastWritten?.available ?? null;
    try {
      await this.send(w, writeKey, changeFrom);
      await this.record(w, 'written', writeKey, null);
    } catch (e) {
      if (isDomainError(e) && e.extensions.shopifyCode === 'shopify-quantity-stale') {
        await this.drift(w, writeKey, changeFrom);
        return;
      }
      await this.record(w, 'failed', writeKey, (e as Error).message);
      throw e;
    }
  }

  private async drift(w: ChannelAvailabilityWrite, writeKey: string, changeFrom: number | null): Promise<void> {
    const detail = `Shopify no longer held ${changeFrom} (changed there since Weft's last write); the ERP's ${w.available} is set`;
    this.logger.warn(`${w.shop ?? 'shop'} ${w.sku}@${w.locationId}: ${detail}`);
    await this.uow.run(async (m) => {
      await m.insert(InventoryDrift, {
        id: randomUUID(),
        channel: 'shopify',
        sku: w.sku,
        locationId: w.locationId,
        channelValue: null,
        erpValue: w.available,
        onHand: 0,
        reserved: 0,
        source: `inventorySetQuantities compare quantity ${changeFrom} stale (write ${writeKey})`.slice(0, 300),
        at: new Date().toISOString(),
      });
      await m.insert(ChannelInventoryWrite, this.row(w, 'drift', writeKey, detail));
    });
    const correction = randomUUID();
    await this.send({ ...w, reason: `drift correction; ${w.reason}` }, correction, null);
    await this.record({ ...w, reason: `drift correction; ${w.reason}` }, 'written', correction, null);
  }

  /**
   * The rows of one shop's item at one location. Shopify's ids are global, so the shop's own item and
   * location ids tell its rows from another shop's selling the same SKU at the same Weft location.
   */
  private sameTarget(w: ChannelAvailabilityWrite) {
    return {
      channel: 'shopify',
      sku: w.sku,
      locationId: w.locationId,
      channelItemId: w.inventoryItemId,
      channelLocationId: w.shopifyLocationId,
    };
  }

  private send(w: ChannelAvailabilityWrite, writeKey: string, changeFromQuantity: number | null) {
    return this.shopify.setInventory({
      shop: w.shop,
      writeKey,
      inventoryItemId: w.inventoryItemId,
      locationId: w.shopifyLocationId,
      available: w.available,
      changeFromQuantity,
    });
  }

  private async lastWritten(w: ChannelAvailabilityWrite): Promise<ChannelInventoryWrite | null> {
    const [row] = await this.uow.serialised(() =>
      this.uow.manager.find(ChannelInventoryWrite, {
        where: { ...this.sameTarget(w), status: 'written' },
        order: { at: 'DESC' },
        take: 1,
      }),
    );
    return row ?? null;
  }

  private row(w: ChannelAvailabilityWrite, status: Status, writeKey: string, detail: string | null): ChannelInventoryWrite {
    return {
      id: randomUUID(),
      channel: 'shopify',
      shop: w.shop ?? null,
      sku: w.sku,
      locationId: w.locationId,
      channelItemId: w.inventoryItemId,
      channelLocationId: w.shopifyLocationId,
      available: w.available,
      reason: w.reason.slice(0, 200),
      at: new Date().toISOString(),
      status,
      writeKey,
      detail: detail?.slice(0, 300) ?? null,
    };
  }

  private async record(w: ChannelAvailabilityWrite, status: Status, writeKey: string, detail: string | null): Promise<void> {
    await this.uow.run((m) => m.insert(ChannelInventoryWrite, this.row(w, status, writeKey, detail)));
  }
}
