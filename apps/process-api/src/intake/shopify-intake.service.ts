import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@weft/problem';
import { toMinor } from '@weft/retail-model';
import { OrderIntakeService } from '../orders/order-intake.service';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';
import { ShopifyDeliveryDto } from './channel-event.dto';
import { gidTail, idString, parseLossless } from './lossless-json';
import { mapShopifyOrder } from './shopify-order.mapper';

type Json = Record<string, unknown>;

const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled']);

export interface IntakeOutcome {
  status: 'processed' | 'ignored';
  orderId?: string;
  detail: string;
}

/** Routes a stored Shopify delivery by topic into the canonical model. */
@Injectable()
export class ShopifyIntakeService {
  private readonly logger = new Logger('ShopifyIntake');

  constructor(
    private readonly orders: OrderIntakeService,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async handle(d: ShopifyDeliveryDto): Promise<IntakeOutcome> {
    let payload: Json;
    try {
      payload = parseLossless(d.body) as Json;
    } catch {
      throw new DomainError(ErrorCode.MALFORMED_REQUEST, `Shopify ${d.topic} delivery ${d.dedupeKey} is not JSON`);
    }
    const cause = `shopify ${d.topic} ${d.dedupeKey}`;
    if (ORDER_TOPICS.has(d.topic)) {
      const order = await this.orders.acceptChannelOrder(mapShopifyOrder(payload), cause);
      return { status: 'processed', orderId: order.id, detail: `order ${order.businessKey} ${order.state}` };
    }
    switch (d.topic) {
      case 'order_transactions/create':
        return this.transaction(payload, cause);
      case 'fulfillments/create': {
        const orderId = idString(payload.order_id);
        const noted = orderId ? await this.orders.note('shopify', orderId, `channel fulfilment ${gidTail(payload.admin_graphql_api_id) ?? idString(payload.id)} reported by Shopify (${String(payload.status)}); the ERP stays the record of shipments`) : false;
        return { status: noted ? 'processed' : 'ignored', detail: noted ? 'noted on the order' : 'order unknown' };
      }
      case 'customers/create':
      case 'customers/update':
        return this.customer(payload, cause);
      default:
        return { status: 'ignored', detail: `topic ${d.topic} is not handled by order-to-cash` };
    }
  }

  private async transaction(t: Json, cause: string): Promise<IntakeOutcome> {
    const orderId = idString(t.order_id);
    const kind = String(t.kind);
    if (!orderId || !['capture', 'sale'].includes(kind) || t.status !== 'success') {
      return { status: 'ignored', detail: `transaction ${kind}/${String(t.status)} does not capture payment` };
    }
    const currency = typeof t.currency === 'string' ? t.currency : 'USD';
    const amount = toMinor(String(t.amount ?? '0'), currency);
    const order = await this.orders.recordCapture('shopify', orderId, amount, currency, cause);
    return { status: 'processed', orderId: order?.id, detail: order ? 'payment captured' : 'capture kept until the order arrives' };
  }

  private async customer(c: Json, cause: string): Promise<IntakeOutcome> {
    const id = gidTail(c.admin_graphql_api_id) ?? idString(c.id);
    const email = typeof c.email === 'string' ? c.email : undefined;
    const phone = typeof c.phone === 'string' ? c.phone : undefined;
    if (!email && !phone) return { status: 'ignored', detail: 'customer without e-mail or phone' };
    const contact = await this.system.upsertCrmContact({
      customerKey: `shopify:customer:${id}`, email, phone, source: 'shopify',
      firstName: typeof c.first_name === 'string' ? c.first_name : undefined, lastName: typeof c.last_name === 'string' ? c.last_name : undefined,
    });
    this.logger.log(`${cause}: CRM contact ${contact.contactId}`);
    return { status: 'processed', detail: `CRM contact ${contact.contactId}` };
  }
}
