import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent, EventType } from '@weft/events';
import { ConsumerRunner, EVENT_BUS, EventBus } from '@weft/messaging';
import { CanonicalOrder } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { CustomerMasterService } from './customer-master.service';
import { isCustomerSystem } from './customer-attributes';
import { mapOrderCustomer } from './source-customer.mappers';

export const ORDER_CUSTOMER_CONSUMER = 'customer-master-orders';

/** The customer on every new order (POS sales with their loyalty id, Shopify orders, storefronts) joins the golden record. */
@Injectable()
export class OrderCustomerConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly runner: ConsumerRunner,
    private readonly master: CustomerMasterService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({ consumer: ORDER_CUSTOMER_CONSUMER, types: [EventType.OrderCreated], handler: (e) => this.handle(e) });
  }

  async handle(event: CloudEvent): Promise<void> {
    const orderId = (event.data as { orderId?: string }).orderId;
    if (!orderId) return;
    await this.runner.applyOnce(ORDER_CUSTOMER_CONSUMER, event, async (_e, m) => {
      const order = await m.findOneBy(OrderRecord, { id: orderId });
      if (!order || !isCustomerSystem(order.channel)) return;
      const src = mapOrderCustomer(JSON.parse(order.document) as CanonicalOrder);
      if (src) await this.master.apply(m, src, `order ${order.businessKey}`);
    });
  }
}
