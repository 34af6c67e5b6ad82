import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@weft/problem';
import { toMinor } from '@weft/retail-model';
import { CustomerIntakeService } from '../customers/customer-intake.service';
import { InventoryDriftService } from '../inventory/inventory-drift.service';
import { OrderIntakeService } from '../orders/order-intake.service';
import { ReturnsService } from '../returns/returns.service';
import { ShopifyDeliveryDto } from './channel-event.dto';
import { gidTail, idString, parseLossless } from './lossless-json';
import { mapShopifyOrder, shopifyExternalId } from './shopify-order.mapper';

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
  constructor(
    private readonly orders: OrderIntakeService,
    private readonly customers: CustomerIntakeService,
    private readonly inventory: InventoryDriftService,
    private readonly returns: ReturnsService,
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
      const shop = { domain: d.shopDomain, defaultLocationId: d.defaultLocationId };
      const order = await this.orders.acceptChannelOrder(mapShopifyOrder(payload, shop), cause);
      return { status: 'processed', orderId: order.id, detail: `order ${order.businessKey} ${order.state}` };
    }
    switch (d.topic) {
      case 'order_transactions/create':
        return this.transaction(d.shopDomain, payload, cause);
      case 'fulfillments/create': {
        const orderId = idString(payload.order_id);
        const noted = orderId
          ? await this.orders.note(
              'shopify',
              shopifyExternalId(d.shopDomain, orderId),
              `channel fulfilment ${gidTail(payload.admin_graphql_api_id) ?? idString(payload.id)} reported by Shopify (${String(payload.status)}); the ERP stays the record of shipments`,
            )
          : false;
        return { status: noted ? 'processed' : 'ignored', detail: noted ? 'noted on the order' : 'order unknown' };
      }
      case 'customers/create':
      case 'customers/update':
        // The customer master matches, applies what Shopify owns, and propagates to CRM/ERP.
        return this.customers.fromShopify(payload, cause);
      case 'inventory_levels/update':
        // The ERP owns stock: a channel-side level is drift, recorded and corrected, never applied.
        return this.inventory.fromShopify(payload, cause);
      case 'refunds/create':
        return this.refund(d.shopDomain, payload);
      case 'returns/request':
      case 'returns/approve':
      case 'returns/decline':
      case 'returns/cancel':
      case 'returns/close':
        return this.returnNote(d.shopDomain, payload, d.topic);
      default:
        return { status: 'ignored', detail: `topic ${d.topic} is not handled by order-to-cash` };
    }
  }

  /** Shopify return lifecycle: noted on the order; money moves with refunds/create. */
  private async returnNote(shopDomain: string, payload: Json, topic: string): Promise<IntakeOutcome> {
    const order = (payload.order ?? {}) as Json;
    const orderId = gidTail(order.admin_graphql_api_id) ?? idString(order.id);
    const returnId = gidTail(payload.admin_graphql_api_id) ?? idString(payload.id);
    const noted = orderId
      ? await this.orders.note(
          'shopify',
          shopifyExternalId(shopDomain, orderId),
          `Shopify return ${returnId} ${topic.split('/')[1]} (status ${String(payload.status)}); money moves with refunds/create`,
        )
      : false;
    return { status: noted ? 'processed' : 'ignored', detail: noted ? 'noted on the order' : 'order unknown' };
  }

  /** A refund made in the Shopify admin: recorded and credited, restocked per restock_type, never refunded again. */
  private async refund(shopDomain: string, r: Json): Promise<IntakeOutcome> {
    const refundId = gidTail(r.admin_graphql_api_id) ?? idString(r.id);
    const orderId = idString(r.order_id);
    if (!refundId || !orderId) return { status: 'ignored', detail: 'refund without id or order id' };
    const items = Array.isArray(r.refund_line_items) ? (r.refund_line_items as Json[]) : [];
    const shopMoney = (set: unknown): { amount: string; currency: string } | undefined => {
      const m = ((set ?? {}) as Json).shop_money as Json | undefined;
      return m && typeof m.amount === 'string' && typeof m.currency_code === 'string'
        ? { amount: m.amount, currency: m.currency_code }
        : undefined;
    };
    const currency = items.map((i) => shopMoney(i.subtotal_set)?.currency).find(Boolean) ?? 'USD';
    const lines = items.map((i) => {
      const li = (i.line_item ?? {}) as Json;
      const sub = shopMoney(i.subtotal_set)?.amount ?? String(i.subtotal ?? '0');
      const tax = shopMoney(i.total_tax_set)?.amount ?? String(i.total_tax ?? '0');
      return {
        sku: typeof li.sku === 'string' ? li.sku : `line:${idString(i.line_item_id)}`,
        quantity: Number(i.quantity ?? 0),
        refundMinor: toMinor(sub, currency) + toMinor(tax, currency),
        taxMinor: toMinor(tax, currency),
      };
    });
    const transactions = Array.isArray(r.transactions) ? (r.transactions as Json[]) : [];
    const refunded = transactions
      .filter((t) => t.kind === 'refund' && t.status === 'success')
      .reduce((a, t) => a + toMinor(String(t.amount ?? '0'), currency), 0);
    const restock = items.some((i) => ['return', 'cancel', 'legacy_restock'].includes(String(i.restock_type)));
    const recorded = await this.returns.recordChannelRefund({
      refundKey: `shopify-refund:${shopDomain}:${refundId}`,
      orderKey: `shopify:${shopifyExternalId(shopDomain, orderId)}`,
      lines,
      refundTotalMinor: refunded,
      restock,
      note: typeof r.note === 'string' ? r.note : '',
    });
    return recorded
      ? { status: 'processed', detail: `refund recorded as return ${recorded.id}` }
      : { status: 'ignored', detail: `order shopify:${shopifyExternalId(shopDomain, orderId)} unknown` };
  }

  private async transaction(shopDomain: string, t: Json, cause: string): Promise<IntakeOutcome> {
    const orderId = idString(t.order_id);
    const kind = String(t.kind);
    if (!orderId || !['capture', 'sale'].includes(kind) || t.status !== 'success') {
      return { status: 'ignored', detail: `transaction ${kind}/${String(t.status)} does not capture payment` };
    }
    const currency = typeof t.currency === 'string' ? t.currency : 'USD';
    const amount = toMinor(String(t.amount ?? '0'), currency);
    const order = await this.orders.recordCapture('shopify', shopifyExternalId(shopDomain, orderId), amount, currency, cause);
    return { status: 'processed', orderId: order?.id, detail: order ? 'payment captured' : 'capture kept until the order arrives' };
  }
}
