import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent, EventType } from '@weft/events';
import { EVENT_BUS, EventBus } from '@weft/messaging';
import { availableFor, safetyFor } from './availability';
import { InventoryConfig } from './inventory.config';
import { InventoryAdjustedData } from './inventory-projector';
import { InventoryStore } from './inventory.store';
import { KeyDebouncer } from './key-debouncer';
import { SHOPIFY_CHANNEL_PORT, ShopifyChannelPort } from './shopify-channel.port';
import { shopifyTargetsFor } from './shopify-inventory-level';

export const CHANNEL_PUSH_CONSUMER = 'inventory-channel-push';
type Key = `${string}@${string}`;

/**
 * Publishes availability to every Shopify shop that sells the SKU through its channel port, coalesced per SKU+location: a burst of
 * sales within INVENTORY_PUSH_DEBOUNCE_MS is one write of the latest figure, and an unchanged figure
 * is not written again unless a drift correction forces it.
 */
@Injectable()
export class ChannelPushScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ChannelPush');
  private readonly lastPushed = new Map<string, number>();
  private readonly debouncer: KeyDebouncer<Key>;
  private readonly failures = new Map<Key, number>();
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(SHOPIFY_CHANNEL_PORT) private readonly shopify: ShopifyChannelPort,
    private readonly store: InventoryStore,
    private readonly config: InventoryConfig,
  ) {
    this.debouncer = new KeyDebouncer<Key>(
      config.debounceMs,
      (k, force, reasons) => this.push(k, force, reasons),
      (k, e) => this.retryLater(k, e),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({ consumer: CHANNEL_PUSH_CONSUMER, types: [EventType.InventoryAdjusted], handler: (e) => this.onAdjusted(e) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.debouncer.stop();
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
  }

  /** A failed write is tried again, backing off to at most a minute; each attempt is a row with its reason. */
  private retryLater(key: Key, e: unknown): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const delay = Math.min(60_000, 500 * 2 ** (n - 1));
    this.logger.warn(`write-back of ${key} failed (attempt ${n}), retrying in ${delay} ms: ${(e as Error).message}`);
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.debouncer.request(key, 'retry after a failed write', true);
    }, delay);
    timer.unref();
    this.retries.add(timer);
  }

  private async onAdjusted(event: CloudEvent): Promise<void> {
    const d = event.data as InventoryAdjustedData;
    this.request(d.sku, d.locationId, 'availability changed');
  }

  /** Schedules a write-back of the current figure; `force` writes it even if it was the last one written. */
  request(sku: string, locationId: string, reason: string, force = false): void {
    if (shopifyTargetsFor(this.config.shopifyMap, sku, locationId).length === 0) return;
    this.debouncer.request(`${sku}@${locationId}`, reason, force);
  }

  private async push(key: Key, force: boolean, reasons: string[]): Promise<void> {
    const at = key.lastIndexOf('@');
    const sku = key.slice(0, at);
    const locationId = key.slice(at + 1);
    const [f] = await this.store.readFigures([sku], locationId);
    if (!f) return;
    const available = availableFor(f, safetyFor(this.config.safety, 'shopify', locationId));
    if (!force && this.lastPushed.get(key) === available) return;
    // Each shop through its own client and bucket: one shop failing must not hold back the others' writes.
    const targets = shopifyTargetsFor(this.config.shopifyMap, sku, locationId);
    const results = await Promise.allSettled(
      targets.map((t) => this.shopify.setAvailable({ sku, locationId, ...t, available, reason: reasons.join('; ') })),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // The retry writes every shop again; a shop that took the figure is set to it again, which is harmless.
    if (failed) throw failed.reason;
    this.lastPushed.set(key, available);
    this.failures.delete(key);
  }
}
