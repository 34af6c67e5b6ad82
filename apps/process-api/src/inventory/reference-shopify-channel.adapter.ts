import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@weft/persistence';
import { ChannelInventoryWrite } from './inventory.entities';
import { ChannelAvailabilityWrite, ShopifyChannelPort } from './shopify-channel.port';

/** For tests and embedded demos without a shop: records every write-back in channel_inventory_writes, calls nothing. */
@Injectable()
export class ReferenceShopifyChannelAdapter implements ShopifyChannelPort {
  constructor(private readonly uow: UnitOfWork) {}

  async setAvailable(w: ChannelAvailabilityWrite): Promise<void> {
    await this.uow.run((m) =>
      m.insert(ChannelInventoryWrite, {
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
        status: 'recorded',
        writeKey: null,
        detail: null,
      }),
    );
  }
}
