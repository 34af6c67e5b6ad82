import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WeftMetrics } from '@weft/observability';
import { availableFor, safetyFor } from './availability';
import { ChannelPushScheduler } from './channel-push.scheduler';
import { InventoryConfig } from './inventory.config';
import { InventoryDrift } from './inventory.entities';
import { InventoryService } from './inventory.service';
import { InventoryStore } from './inventory.store';
import { mapShopifyInventoryLevel } from './shopify-inventory-level';

export interface ChannelOutcome {
  status: 'processed' | 'ignored';
  detail: string;
}

/**
 * Shopify reported a stock level. The ERP owns stock, so the report is never applied: when it differs
 * from what Weft says Shopify may sell, it is recorded as drift (both values) and the ERP's figure is
 * written back to Shopify through the channel port.
 */
@Injectable()
export class InventoryDriftService {
  private readonly logger = new Logger('InventoryDrift');
  /** Last comparison per channel and SKU@location: does the channel's figure match the ERP's? */
  private readonly lastMatch = new Map<string, Map<string, boolean>>();
  private readonly driftEvents;

  constructor(
    private readonly inventory: InventoryService,
    private readonly store: InventoryStore,
    private readonly push: ChannelPushScheduler,
    private readonly config: InventoryConfig,
    metrics: WeftMetrics,
  ) {
    this.driftEvents = metrics.counter('weft_inventory_drift_events_total', 'Channel stock reports that differed from the ERP.', [
      'channel',
    ]);
    metrics.gauge(
      'weft_inventory_accuracy_ratio',
      "Share of reported SKU@locations whose channel quantity matched the ERP's at their last report (since start).",
      ['channel'],
      async () => this.accuracy().map(({ channel, ratio }) => ({ labels: { channel }, value: ratio })),
    );
  }

  /** Per channel: how many SKU@locations were reported, and the share that matched the ERP at their last report. */
  accuracy(): { channel: string; ratio: number; skus: number }[] {
    return [...this.lastMatch].map(([channel, seen]) => ({
      channel,
      skus: seen.size,
      ratio: seen.size === 0 ? 1 : [...seen.values()].filter(Boolean).length / seen.size,
    }));
  }

  private record(channel: string, key: string, matched: boolean): void {
    const seen = this.lastMatch.get(channel) ?? new Map<string, boolean>();
    seen.set(key, matched);
    this.lastMatch.set(channel, seen);
    if (!matched) this.driftEvents.inc({ channel });
  }

  async fromShopify(payload: Record<string, unknown>, cause: string): Promise<ChannelOutcome> {
    const level = mapShopifyInventoryLevel(payload, this.config.shopifyMap);
    if (!level) return { status: 'ignored', detail: 'inventory level without item or location id' };
    if (!level.sku || !level.locationId) {
      return {
        status: 'ignored',
        detail: `Shopify item ${level.inventoryItemId} at location ${level.shopifyLocationId} is not mapped (SHOPIFY_INVENTORY_MAP)`,
      };
    }
    const [f] = await this.inventory.ensureFigures([level.sku], level.locationId);
    const erpValue = f ? availableFor(f, safetyFor(this.config.safety, 'shopify', level.locationId)) : 0;
    this.record('shopify', `${level.sku}@${level.locationId}`, level.available === erpValue);
    if (level.available === erpValue)
      return { status: 'ignored', detail: `Shopify agrees with the ERP on ${level.sku}@${level.locationId} (${erpValue})` };
    await this.store.uow.run((m) =>
      m.insert(InventoryDrift, {
        id: randomUUID(),
        channel: 'shopify',
        sku: level.sku!,
        locationId: level.locationId!,
        channelValue: level.available,
        erpValue,
        onHand: f?.onHand ?? 0,
        reserved: f?.reserved ?? 0,
        source: cause.slice(0, 300),
        at: new Date().toISOString(),
      }),
    );
    this.push.request(level.sku, level.locationId, `drift correction: Shopify said ${level.available ?? 'nothing'}, ERP ${erpValue}`, true);
    this.logger.warn(
      `${cause}: drift on ${level.sku}@${level.locationId}: Shopify ${level.available ?? 'null'} vs ERP ${erpValue}; not applied`,
    );
    return {
      status: 'processed',
      detail: `drift recorded on ${level.sku}@${level.locationId}: channel ${level.available ?? 'null'}, ERP ${erpValue}; ERP value written back`,
    };
  }
}
