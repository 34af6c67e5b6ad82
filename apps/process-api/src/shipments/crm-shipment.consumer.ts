import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent, EventType } from '@weft/events';
import { ConsumerRunner, EVENT_BUS, EventBus } from '@weft/messaging';
import { OrderStore } from '../orders/order.store';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';

export const CRM_SHIPMENT_CONSUMER = 'crm-shipment-activity';

/** Tells the CRM when a customer's order shipped: an event consumer, applied once per event id. */
@Injectable()
export class CrmShipmentConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly runner: ConsumerRunner,
    private readonly store: OrderStore,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({ consumer: CRM_SHIPMENT_CONSUMER, types: [EventType.ShipmentConfirmed], handler: (e) => this.handle(e) });
  }

  async handle(event: CloudEvent): Promise<void> {
    await this.runner.once(CRM_SHIPMENT_CONSUMER, event.id, async () => {
      const data = event.data as { orderId: string; shipmentId: string; trackingNumber?: string | null };
      const order = await this.store.findById(data.orderId);
      if (!order?.crmContactId) return;
      await this.system.addCrmActivity(order.crmContactId, {
        activityKey: `shipment:${data.shipmentId}`,
        kind: 'order-shipped',
        summary: `Order ${order.orderNumber ?? order.externalId} shipped${data.trackingNumber ? ` (tracking ${data.trackingNumber})` : ''}`,
      });
    });
  }
}
