import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { cloudEvent, EventType } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { requestContext } from '@weft/observability';
import { channelAvailability, sameFigures } from './availability';
import { InventoryConfig } from './inventory.config';
import { InventoryStore, LocationFigures, stockKey } from './inventory.store';

export const INVENTORY_SOURCE = '/weft/process-api/inventory';

export interface InventoryAdjustedData {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  pending: number;
  available: Record<string, number>;
  cause: string;
}

/**
 * Every change to the projection goes through here: figures before and after are compared in the
 * same transaction, and each SKU+location that changed emits InventoryAdjusted through the outbox.
 */
@Injectable()
export class InventoryProjector {
  constructor(
    private readonly store: InventoryStore,
    private readonly outbox: OutboxWriter,
    private readonly config: InventoryConfig,
  ) {}

  async change(m: EntityManager, skus: string[], cause: string, work: () => Promise<void>): Promise<LocationFigures[]> {
    const before = new Map((await this.store.figures(skus, undefined, m)).map((f) => [stockKey(f), f]));
    await work();
    const after = await this.store.figures(skus, undefined, m);
    const changed = after.filter((f) => !sameFigures(before.get(stockKey(f)), f));
    const ctx = requestContext.current();
    await this.outbox.append(
      m,
      changed.map((f) =>
        cloudEvent<InventoryAdjustedData>(
          EventType.InventoryAdjusted,
          INVENTORY_SOURCE,
          stockKey(f),
          {
            sku: f.sku,
            locationId: f.locationId,
            onHand: f.onHand,
            reserved: f.reserved,
            pending: f.pending,
            available: channelAvailability(f, this.config.safety, this.config.channels, f.locationId, this.config.channelLocations),
            cause,
          },
          ctx ? { correlationid: ctx.requestId } : {},
        ),
      ),
    );
    return changed;
  }
}
