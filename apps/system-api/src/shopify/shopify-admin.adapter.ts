import { Injectable } from '@nestjs/common';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { formatMinor, toMinor } from '@weft/retail-model';
import { SystemConfig } from '../system.config';
import { ShopifyClients } from './shopify-clients';
import { bulkOrdersQuery } from './shopify.documents';
import { ShopifyFulfilmentRecord } from './shopify-fulfilment.entity';
import { orderAsWebhookBody } from './shopify-order.view';
import { ShopifyError, ShopifyErrorCode, ShopifyUserError, userErrorsToError } from './shopify.errors';
import {
  BulkOperationStatus,
  BulkOrderScan,
  FulfilmentResult,
  gidOf,
  InventorySetRequest,
  OrderCancelRequest,
  OrderChange,
  OrdersPage,
  OrderTransactionsView,
  orderGid,
  ShipmentFulfilmentRequest,
  ShopifyPort,
  ShopifyRefundRequest,
  ShopifyRefundResult,
  WebhookSubscriptionView,
} from './shopify.port';

type Json = Record<string, unknown>;
interface Payload {
  userErrors?: ShopifyUserError[];
  orderCancelUserErrors?: ShopifyUserError[];
}

function checked<T extends Payload>(operation: string, payload: T | null | undefined): T {
  if (!payload) throw new ShopifyError(ShopifyErrorCode.UNAVAILABLE, `Shopify ${operation}: no payload`);
  const errors = [...(payload.userErrors ?? []), ...(payload.orderCancelUserErrors ?? [])];
  if (errors.length) throw userErrorsToError(operation, errors);
  return payload;
}

interface FulfillmentOrderNode {
  id: string;
  status: string;
  lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { sku: string | null } }[] };
}

const FULFILLABLE = new Set(['OPEN', 'IN_PROGRESS']);
/** Orders per transactions read: 25 orders of up to 50 transactions stay well under Shopify's 1000-point query limit. */
const TRANSACTIONS_BATCH = 25;

interface TransactionNode {
  id: string;
  kind: string;
  status: string;
  processedAt: string | null;
  amountSet: { shopMoney: { amount: string; currencyCode: string } };
}
const refundMarker = (key: string) => `[weft:${key}]`;

/** The Shopify port over each shop's Admin GraphQL API. */
@Injectable()
export class ShopifyAdminAdapter implements ShopifyPort {
  /** In-process guard so two concurrent sends of one shipment do not both create. */
  private readonly inFlight = new Map<string, Promise<FulfilmentResult>>();

  /** Downloaded bulk results, by operation id: a scan is paged through right after it completes. */
  private readonly bulkResults = new Map<string, OrderChange[]>();

  constructor(
    private readonly clients: ShopifyClients,
    private readonly uow: UnitOfWork,
    private readonly config: SystemConfig,
  ) {}

  shops(): string[] {
    return this.clients.domains();
  }

  async setInventory(r: InventorySetRequest): Promise<{ adjustmentGroupId: string | null }> {
    const data = await this.clients
      .for(r.shop)
      .run<{ inventorySetQuantities: Payload & { inventoryAdjustmentGroup: { id: string } | null } }>('inventorySetQuantities', {
        key: `weft-inventory:${r.writeKey}`,
        input: {
          name: 'available',
          reason: 'correction',
          referenceDocumentUri: `weft://inventory-writes/${r.writeKey}`,
          quantities: [
            {
              inventoryItemId: gidOf('InventoryItem', r.inventoryItemId),
              locationId: gidOf('Location', r.locationId),
              quantity: r.available,
              changeFromQuantity: r.changeFromQuantity,
            },
          ],
        },
      });
    const payload = checked('inventorySetQuantities', data.inventorySetQuantities);
    return { adjustmentGroupId: payload.inventoryAdjustmentGroup?.id ?? null };
  }

  fulfilShipment(r: ShipmentFulfilmentRequest): Promise<FulfilmentResult> {
    const running = this.inFlight.get(r.shipmentKey);
    if (running) return running.then((x) => ({ ...x, duplicate: true }));
    const work = this.fulfilOnce(r).finally(() => this.inFlight.delete(r.shipmentKey));
    this.inFlight.set(r.shipmentKey, work);
    return work;
  }

  private async fulfilOnce(r: ShipmentFulfilmentRequest): Promise<FulfilmentResult> {
    const known = await this.uow.serialised(() => this.uow.manager.findOneBy(ShopifyFulfilmentRecord, { shipmentKey: r.shipmentKey }));
    if (known) return { fulfillmentId: known.fulfillmentId, status: known.status, duplicate: true };
    const client = this.clients.for(r.shop);
    const id = orderGid(r.orderId);
    const { order } = await client.run<{
      order: {
        fulfillments: { id: string; status: string; trackingInfo: { number: string | null }[] }[];
        fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
      } | null;
    }>('orderFulfillmentOrders', { id });
    if (!order) throw new ShopifyError(ShopifyErrorCode.NOT_FOUND, `Shopify order ${id} not found on ${client.domain}`);
    // A create that timed out may have happened: its tracking number on the order says so.
    const number = r.tracking?.number;
    const existing = number ? order.fulfillments.find((f) => f.trackingInfo.some((t) => t.number === number)) : undefined;
    if (existing) return this.remember(r, client.domain, existing.id, existing.status, true);
    const lineItemsByFulfillmentOrder = allocate(order.fulfillmentOrders.nodes, r.lines);
    if (!lineItemsByFulfillmentOrder.length) {
      throw new ShopifyError(
        ShopifyErrorCode.NOTHING_TO_FULFIL,
        `Shopify order ${id} has no open lines for ${r.lines.map((l) => l.sku).join(', ')}`,
      );
    }
    const tracking = r.tracking && (r.tracking.number || r.tracking.company || r.tracking.url) ? r.tracking : undefined;
    const data = await client.run<{ fulfillmentCreate: Payload & { fulfillment: { id: string; status: string } | null } }>(
      'fulfillmentCreate',
      {
        fulfillment: { lineItemsByFulfillmentOrder, notifyCustomer: r.notifyCustomer, ...(tracking ? { trackingInfo: tracking } : {}) },
      },
    );
    const created = checked('fulfillmentCreate', data.fulfillmentCreate).fulfillment!;
    return this.remember(r, client.domain, created.id, created.status, false);
  }

  private async remember(
    r: ShipmentFulfilmentRequest,
    shop: string,
    fulfillmentId: string,
    status: string,
    duplicate: boolean,
  ): Promise<FulfilmentResult> {
    const row: ShopifyFulfilmentRecord = {
      shipmentKey: r.shipmentKey,
      shop,
      orderId: r.orderId,
      fulfillmentId,
      status,
      at: new Date().toISOString(),
    };
    try {
      await this.uow.run((m) => m.insert(ShopifyFulfilmentRecord, row));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return { fulfillmentId, status, duplicate };
  }

  async refund(r: ShopifyRefundRequest): Promise<ShopifyRefundResult> {
    const client = this.clients.for(r.shop);
    const id = orderGid(r.orderId);
    const { order } = await client.run<{
      order: {
        refunds: { id: string; note: string | null }[];
        transactions: { id: string; gateway: string; kind: string; status: string }[];
      } | null;
    }>('orderRefundContext', { id });
    if (!order) throw new ShopifyError(ShopifyErrorCode.NOT_FOUND, `Shopify order ${id} not found on ${client.domain}`);
    const marker = refundMarker(r.refundKey);
    const done = order.refunds.find((x) => x.note?.includes(marker));
    if (done) return { refundId: done.id, duplicate: true };
    const parent = [...order.transactions].reverse().find((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS');
    if (!parent) throw new ShopifyError(ShopifyErrorCode.NOTHING_TO_REFUND, `Shopify order ${id} has no captured payment to refund`);
    const data = await client.run<{ refundCreate: Payload & { refund: { id: string } | null } }>('refundCreate', {
      key: `weft-refund:${r.refundKey}`,
      input: {
        orderId: id,
        note: `${r.note ?? 'Refund for a Weft return'} ${marker}`.trim(),
        notify: true,
        transactions: [
          { orderId: id, parentId: parent.id, gateway: parent.gateway, kind: 'REFUND', amount: formatMinor(r.amountMinor, r.currency) },
        ],
      },
    });
    return { refundId: checked('refundCreate', data.refundCreate).refund!.id, duplicate: false };
  }

  async cancelOrder(r: OrderCancelRequest): Promise<{ jobId: string | null }> {
    const data = await this.clients.for(r.shop).run<{ orderCancel: Payload & { job: { id: string } | null } }>('orderCancel', {
      orderId: orderGid(r.orderId),
      reason: r.reason,
      // The ERP owns stock: Weft writes availability back itself, Shopify must not restock on its own.
      restock: false,
      refund: r.refund,
      notifyCustomer: r.notifyCustomer,
      staffNote: r.staffNote,
    });
    return { jobId: checked('orderCancel', data.orderCancel).job?.id ?? null };
  }

  async tagOrder(shop: string | undefined, orderId: string, tags: string[]): Promise<void> {
    const data = await this.clients.for(shop).run<{ tagsAdd: Payload }>('tagsAdd', { id: orderGid(orderId), tags });
    checked('tagsAdd', data.tagsAdd);
  }

  async ordersUpdatedSince(shop: string | undefined, since: string, after?: string): Promise<OrdersPage> {
    const data = await this.clients
      .for(shop)
      .run<{ orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OrderChange[] } }>('ordersUpdatedSince', {
        query: `updated_at:>'${new Date(since).toISOString()}'`,
        after: after ?? null,
      });
    return { orders: data.orders.nodes, nextCursor: data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null };
  }

  async ordersCountSince(shop: string | undefined, since: string): Promise<number> {
    const data = await this.clients
      .for(shop)
      .run<{ ordersCount: { count: number } | null }>('ordersCountSince', { query: updatedAfter(since) });
    return data.ordersCount?.count ?? 0;
  }

  async startBulkOrderScan(shop: string | undefined, since: string): Promise<BulkOrderScan> {
    const data = await this.clients
      .for(shop)
      .run<{ bulkOperationRunQuery: Payload & { bulkOperation: BulkOperationNode | null } }>('bulkOperationRunQuery', {
        query: bulkOrdersQuery(updatedAfter(since)),
      });
    const op = checked('bulkOperationRunQuery', data.bulkOperationRunQuery).bulkOperation;
    if (!op) throw new ShopifyError(ShopifyErrorCode.UNAVAILABLE, 'Shopify bulkOperationRunQuery: no bulk operation');
    return scanOf(op, [], null);
  }

  async bulkOrderScan(shop: string | undefined, id: string, offset: number, limit: number): Promise<BulkOrderScan> {
    const data = await this.clients.for(shop).run<{ node: BulkOperationNode | null }>('bulkOperation', { id });
    const op = data.node;
    if (!op?.status) throw new ShopifyError(ShopifyErrorCode.NOT_FOUND, `Shopify has no bulk operation ${id}`);
    if (op.status !== 'COMPLETED') return scanOf(op, [], null);
    const all = await this.bulkResult(op);
    const page = all.slice(offset, offset + limit);
    return scanOf(op, page, offset + page.length < all.length ? offset + page.length : null);
  }

  /**
   * The JSONL file of a completed scan (no url: nothing matched). One line per order; kept in memory
   * for the few scans paged through at a time, so a page does not download the file again. On another
   * replica, or after the cache let it go, it is simply downloaded again.
   */
  private async bulkResult(op: BulkOperationNode): Promise<OrderChange[]> {
    const cached = this.bulkResults.get(op.id);
    if (cached) return cached;
    let changes: OrderChange[] = [];
    if (op.url) {
      const res = await fetch(op.url, { signal: AbortSignal.timeout(this.config.SHOPIFY_TIMEOUT_MS * 6) });
      if (!res.ok) throw new ShopifyError(ShopifyErrorCode.UNAVAILABLE, `Shopify bulk result ${op.id}: HTTP ${res.status}`);
      changes = parseBulkOrders(await res.text());
    }
    this.bulkResults.set(op.id, changes);
    while (this.bulkResults.size > BULK_RESULTS_KEPT) this.bulkResults.delete(this.bulkResults.keys().next().value!);
    return changes;
  }

  async orderForIntake(shop: string | undefined, orderId: string): Promise<Json | null> {
    const data = await this.clients.for(shop).run<{ order: Json | null }>('orderForIntake', { id: orderGid(orderId) });
    return data.order ? orderAsWebhookBody(data.order) : null;
  }

  async orderTransactions(shop: string | undefined, orderIds: string[]): Promise<OrderTransactionsView[]> {
    const client = this.clients.for(shop);
    const out: OrderTransactionsView[] = [];
    const ids = [...new Set(orderIds.map(orderGid))];
    for (let i = 0; i < ids.length; i += TRANSACTIONS_BATCH) {
      const data = await client.run<{ nodes: ({ id?: string; currencyCode?: string; transactions?: TransactionNode[] } | null)[] }>(
        'ordersTransactions',
        { ids: ids.slice(i, i + TRANSACTIONS_BATCH) },
      );
      for (const n of data.nodes) {
        if (!n?.id || !n.currencyCode) continue;
        out.push({
          orderId: n.id,
          currency: n.currencyCode,
          transactions: (n.transactions ?? []).map((t) => ({
            id: t.id,
            kind: t.kind,
            status: t.status,
            processedAt: t.processedAt,
            amountMinor: toMinor(t.amountSet.shopMoney.amount, t.amountSet.shopMoney.currencyCode),
          })),
        });
      }
    }
    return out;
  }

  async webhookSubscriptions(shop: string | undefined): Promise<WebhookSubscriptionView[]> {
    const client = this.clients.for(shop);
    const all: WebhookSubscriptionView[] = [];
    let after: string | null = null;
    do {
      const data: {
        webhookSubscriptions: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: WebhookSubscriptionView[] };
      } = await client.run('webhookSubscriptions', { after });
      all.push(...data.webhookSubscriptions.nodes);
      after = data.webhookSubscriptions.pageInfo.hasNextPage ? data.webhookSubscriptions.pageInfo.endCursor : null;
    } while (after);
    return all;
  }

  async subscribeWebhook(shop: string | undefined, topic: string, uri: string): Promise<WebhookSubscriptionView> {
    const data = await this.clients
      .for(shop)
      .run<{ webhookSubscriptionCreate: Payload & { webhookSubscription: WebhookSubscriptionView | null } }>('webhookSubscriptionCreate', {
        topic,
        webhookSubscription: { uri, format: 'JSON' },
      });
    return checked('webhookSubscriptionCreate', data.webhookSubscriptionCreate).webhookSubscription!;
  }
}

/** Shopify's search syntax for "updated after" (quoted: the ISO time has colons). */
interface BulkOperationNode {
  id: string;
  status: BulkOperationStatus;
  objectCount: string | number;
  url: string | null;
  errorCode: string | null;
}

const BULK_RESULTS_KEPT = 4;

function scanOf(op: BulkOperationNode, orders: OrderChange[], nextOffset: number | null): BulkOrderScan {
  return { id: op.id, status: op.status, objectCount: Number(op.objectCount), errorCode: op.errorCode ?? null, orders, nextOffset };
}

/** A bulk result, one JSON object per line; only order lines (the query asks for nothing nested) are kept, oldest change first. */
export function parseBulkOrders(jsonl: string): OrderChange[] {
  const out: OrderChange[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Partial<OrderChange> & { __parentId?: string };
    if (typeof o.id === 'string' && o.id.includes('/Order/') && typeof o.updatedAt === 'string' && !o.__parentId)
      out.push({ id: o.id, name: o.name ?? '', updatedAt: o.updatedAt });
  }
  return out.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
}

function updatedAfter(since: string): string {
  return `updated_at:>'${new Date(since).toISOString()}'`;
}

/** Shipped quantities per SKU spread over the open fulfilment-order lines that still hold them. */
function allocate(orders: FulfillmentOrderNode[], lines: { sku: string; quantity: number }[]) {
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
  const out: { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[] = [];
  for (const fo of orders.filter((o) => FULFILLABLE.has(o.status))) {
    const items: { id: string; quantity: number }[] = [];
    for (const li of fo.lineItems.nodes) {
      const sku = li.lineItem.sku ?? '';
      const left = wanted.get(sku) ?? 0;
      const take = Math.min(left, li.remainingQuantity);
      if (take <= 0) continue;
      items.push({ id: li.id, quantity: take });
      wanted.set(sku, left - take);
    }
    if (items.length) out.push({ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: items });
  }
  return out;
}
