import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent, EventType } from '@weft/events';
import { EVENT_BUS, EventBus } from '@weft/messaging';
import { isDomainError } from '@weft/problem';
import { ShopifyChannelConfig } from './shopify-channel.config';
import { shopifyOrderRef } from './shopify-order-ref';
import { SHOPIFY_SYSTEM_PORT, ShopifySystemPort } from './shopify-system.port';

export const SHOPIFY_WRITE_BACK_CONSUMER = 'shopify-write-back';

/** Cancellations that came from Shopify itself: cancelling there again would be an echo. */
const FROM_SHOPIFY = new Set(['channel-cancelled', 'arrived-cancelled']);

/** Outcomes that will not change on a retry: the consumer notes them and moves on. */
const FINAL = new Set(['shopify-nothing-to-fulfil', 'shopify-rejected', 'shopify-not-found']);

interface OrderEventData {
  businessKey: string;
  shipmentId?: string;
  lines?: { sku: string; quantity: number }[];
  trackingNumber?: string | null;
  carrier?: string | null;
  trackingUrl?: string | null;
  erpOrderNumber?: string;
  reason?: string;
}

/**
 * What Weft decided about a Shopify order, written back to its shop through system-api: an ERP
 * shipment becomes a fulfilment with tracking (Shopify then tells the customer), the ERP order number
 * becomes a tag support sees in the admin, and a cancellation decided in Weft or the ERP cancels the
 * Shopify order. A failure is thrown, so the bus redelivers and finally dead-letters it (ops can replay).
 */
@Injectable()
export class ShopifyWriteBackConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('ShopifyWriteBack');

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    @Inject(SHOPIFY_SYSTEM_PORT) private readonly shopify: ShopifySystemPort,
    private readonly config: ShopifyChannelConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.writeBack !== 'admin-api') return;
    await this.bus.subscribe({
      consumer: SHOPIFY_WRITE_BACK_CONSUMER,
      types: [EventType.ShipmentConfirmed, EventType.OrderSubmittedToErp, EventType.OrderCancelled],
      handler: (e) => this.handle(e),
    });
  }

  async handle(event: CloudEvent): Promise<void> {
    const d = event.data as unknown as OrderEventData;
    const ref = shopifyOrderRef(d.businessKey ?? '');
    if (!ref) return;
    try {
      await this.apply(event.type, d, ref);
    } catch (e) {
      const code = isDomainError(e) ? e.extensions.shopifyCode : undefined;
      if (typeof code === 'string' && FINAL.has(code)) {
        this.logger.warn(`${event.type} for ${d.businessKey} not written to Shopify (${code}): ${(e as Error).message}`);
        return;
      }
      throw e;
    }
  }

  private async apply(type: string, d: OrderEventData, ref: { shop?: string; orderId: string }): Promise<void> {
    switch (type) {
      case EventType.ShipmentConfirmed:
        if (!d.shipmentId || !d.lines?.length) return;
        await this.shopify.fulfil({
          ...ref,
          shipmentKey: `${d.businessKey}:${d.shipmentId}`,
          lines: d.lines,
          tracking: {
            ...(d.trackingNumber ? { number: d.trackingNumber } : {}),
            ...(d.carrier ? { company: d.carrier } : {}),
            ...(d.trackingUrl ? { url: d.trackingUrl } : {}),
          },
        });
        return;
      case EventType.OrderSubmittedToErp:
        if (d.erpOrderNumber) await this.shopify.tag(ref.orderId, { shop: ref.shop, tags: [`ERP:${d.erpOrderNumber}`.slice(0, 40)] });
        return;
      case EventType.OrderCancelled:
        if (FROM_SHOPIFY.has(d.reason ?? '')) return;
        // Weft's and the ERP's own cancellations both cancel in the shop; the note says which decided it.
        await this.shopify.cancel(ref.orderId, {
          shop: ref.shop,
          reason: 'OTHER',
          staffNote: d.reason === 'cancelled-in-erp' ? 'Cancelled in the ERP' : `Cancelled in Weft: ${d.reason ?? 'no reason given'}`,
          refund: true,
        });
        return;
    }
  }
}
