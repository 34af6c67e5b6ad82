import { FieldNode, GraphQLResolveInfo, getDirectiveValues, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { shopifyAdminSchema } from './shopify-admin-schema';

type Json = Record<string, unknown>;
type Args = Record<string, unknown>;

/** Shopify's leaky bucket for one app on one shop. */
export class LocalBucket {
  private available: number;
  private at = Date.now();
  /** Set by `set(…, { hold: true })`: no refill until the next request has been answered THROTTLED. */
  private held = false;

  constructor(
    readonly maximum: number,
    readonly restoreRate: number,
  ) {
    this.available = maximum;
  }

  private refill(): void {
    const now = Date.now();
    if (this.held) {
      this.at = now;
      return;
    }
    this.available = Math.min(this.maximum, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }

  take(cost: number): boolean {
    this.refill();
    this.held = false;
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximum, this.available + points);
  }

  /**
   * Empties (or sets) the bucket, as a busy neighbour app would. With `hold`, it stays there until the next
   * request has been answered, so a test sees that request throttled however late it arrives.
   */
  set(points: number, options: { hold?: boolean } = {}): void {
    this.refill();
    this.available = points;
    this.held = options.hold === true;
  }

  status() {
    this.refill();
    return { maximumAvailable: this.maximum, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}

export interface LocalLineItem {
  id: string;
  sku: string;
  title: string;
  quantity: number;
  price: string;
}

export interface LocalFulfillment {
  id: string;
  status: string;
  lines: { id: string; quantity: number }[];
  trackingInfo: { number: string | null; company: string | null; url: string | null }[];
}

export interface LocalOrder {
  id: string;
  name: string;
  email: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  currencyCode: string;
  lineItems: LocalLineItem[];
  fulfillmentOrders: { id: string; status: string; lines: { id: string; lineItemId: string; remainingQuantity: number }[] }[];
  fulfillments: LocalFulfillment[];
  transactions: { id: string; gateway: string; kind: string; status: string; amount: string }[];
  refunds: { id: string; note: string | null; amount: string }[];
  tags: string[];
}

/** A bulk query as this shop runs it: created, then RUNNING on the first poll, COMPLETED with its JSONL on the next. */
export interface LocalBulkOperation {
  id: string;
  query: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  polls: number;
  /** The result, one JSON object per line, served at `url` once COMPLETED. */
  jsonl: string;
  objectCount: number;
}

const money = (amount: string, currencyCode = 'USD') => ({ shopMoney: { amount, currencyCode } });
const userError = (message: string, field: string[] = [], code?: string) => ({ field, message, ...(code ? { code } : {}) });

/** One in-memory shop: orders, inventory levels, webhook subscriptions, and what was written. */
export class ShopifyShopState {
  readonly bucket: LocalBucket;
  readonly orders = new Map<string, LocalOrder>();
  /** `${inventoryItemGid}|${locationGid}` → available. */
  readonly inventory = new Map<string, number>();
  readonly inventoryWrites: { item: string; location: string; quantity: number; key: string }[] = [];
  readonly webhooks: { id: string; topic: string; uri: string; format: string; createdAt: string }[] = [];
  readonly bulkOperations = new Map<string, LocalBulkOperation>();
  /** Where this shop's bulk results are served (set by the server that holds the shop). */
  bulkResultBase = '';
  private readonly idempotent = new Map<string, { input: string; result: unknown }>();
  private seq = 1000;

  constructor(
    readonly domain: string,
    readonly accessToken: string,
    maximum: number,
    restoreRate: number,
  ) {
    this.bucket = new LocalBucket(maximum, restoreRate);
  }

  private nextId(kind: string): string {
    return `gid://shopify/${kind}/${++this.seq}`;
  }

  /** An order as a shop would hold it after checkout: one fulfilment order per `splitBy` group, paid. */
  addOrder(o: {
    id: number;
    lines: { sku: string; quantity: number; price: string }[];
    updatedAt?: string;
    email?: string;
    groups?: string[][];
  }): LocalOrder {
    const id = `gid://shopify/Order/${o.id}`;
    const lineItems = o.lines.map((l) => ({ id: this.nextId('LineItem'), sku: l.sku, title: l.sku, quantity: l.quantity, price: l.price }));
    const groups = o.groups ?? [o.lines.map((l) => l.sku)];
    const total = o.lines.reduce((a, l) => a + Number(l.price) * l.quantity, 0).toFixed(2);
    const at = o.updatedAt ?? new Date().toISOString();
    const order: LocalOrder = {
      id,
      name: `#${o.id}`,
      email: o.email ?? 'buyer@example.com',
      createdAt: at,
      updatedAt: at,
      cancelledAt: null,
      currencyCode: 'USD',
      lineItems,
      fulfillmentOrders: groups.map((skus) => ({
        id: this.nextId('FulfillmentOrder'),
        status: 'OPEN',
        lines: lineItems
          .filter((li) => skus.includes(li.sku))
          .map((li) => ({ id: this.nextId('FulfillmentOrderLineItem'), lineItemId: li.id, remainingQuantity: li.quantity })),
      })),
      fulfillments: [],
      transactions: [{ id: this.nextId('OrderTransaction'), gateway: 'shopify_payments', kind: 'SALE', status: 'SUCCESS', amount: total }],
      refunds: [],
      tags: [],
    };
    this.orders.set(id, order);
    return order;
  }

  /** A refund made by staff in the Shopify admin (no Weft involvement): a refund and its REFUND transaction. */
  refundInAdmin(orderId: string, amount: string, note = 'Refunded in the Shopify admin'): { refundId: string; transactionId: string } {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`No local order ${orderId}`);
    const refundId = this.nextId('Refund');
    const transactionId = this.refundTransaction(order, amount);
    order.refunds.push({ id: refundId, note, amount });
    order.updatedAt = new Date().toISOString();
    return { refundId, transactionId };
  }

  private refundTransaction(order: LocalOrder, amount: string): string {
    const id = this.nextId('OrderTransaction');
    order.transactions.push({ id, gateway: 'shopify_payments', kind: 'REFUND', status: 'SUCCESS', amount });
    return id;
  }

  private orderView(o: LocalOrder): Json {
    const line = (id: string) => o.lineItems.find((li) => li.id === id)!;
    const total = o.lineItems.reduce((a, l) => a + Number(l.price) * l.quantity, 0).toFixed(2);
    return {
      __typename: 'Order',
      ...o,
      phone: null,
      displayFinancialStatus: o.refunds.length ? 'PARTIALLY_REFUNDED' : 'PAID',
      subtotalPriceSet: money(total),
      totalDiscountsSet: money('0.00'),
      totalTaxSet: money('0.00'),
      totalShippingPriceSet: money('0.00'),
      totalPriceSet: money(total),
      customer: null,
      shippingAddress: {
        name: 'A Buyer',
        firstName: 'A',
        lastName: 'Buyer',
        address1: '1 Main St',
        address2: null,
        city: 'Springfield',
        provinceCode: 'IL',
        zip: '62701',
        countryCodeV2: 'US',
        phone: null,
      },
      billingAddress: null,
      lineItems: {
        nodes: o.lineItems.map((li) => ({
          ...li,
          originalUnitPriceSet: money(li.price),
          totalDiscountSet: money('0.00'),
          taxLines: [],
          variant: null,
        })),
      },
      fulfillmentOrders: {
        nodes: o.fulfillmentOrders.map((fo) => ({
          id: fo.id,
          status: fo.status,
          lineItems: {
            nodes: fo.lines.map((l) => ({ id: l.id, remainingQuantity: l.remainingQuantity, lineItem: { sku: line(l.lineItemId).sku } })),
          },
        })),
      },
      transactions: o.transactions.map((t) => ({ ...t, amountSet: money(t.amount) })),
      refunds: o.refunds.map((r) => ({ id: r.id, note: r.note, totalRefundedSet: money(r.amount) })),
    };
  }

  /** Replays the first answer for a key, rejects the key with other input, else runs and remembers. */
  private once(info: GraphQLResolveInfo, args: Args, run: () => Json): Json {
    const directive = info.schema.getDirective('idempotent')!;
    const key = getDirectiveValues(directive, info.fieldNodes[0], info.variableValues)?.key as string | undefined;
    if (!key) return run();
    const input = JSON.stringify(args);
    const seen = this.idempotent.get(key);
    if (seen) {
      if (seen.input !== input)
        return {
          userErrors: [userError('The idempotency key was used with different parameters', [], 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH')],
        };
      return seen.result as Json;
    }
    const result = run();
    this.idempotent.set(key, { input, result });
    return result;
  }

  /** Orders matching `updated_at:>'<time>'`, oldest change first. */
  private updatedAfter(query: unknown): LocalOrder[] {
    const since = /updated_at:>'?([^' ]+)'?/.exec(String(query ?? ''))?.[1];
    return [...this.orders.values()]
      .filter((o) => !since || o.updatedAt > new Date(since).toISOString())
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  }

  /**
   * Runs a bulk query the way Shopify does, on the same schema: it must be valid, and its top-level
   * `orders(query:)` connection becomes one JSONL line per order with the node's selected fields.
   */
  private runBulkQuery(query: string): Json {
    let doc;
    try {
      doc = parse(query);
    } catch (e) {
      return { bulkOperation: null, userErrors: [userError(`Invalid bulk query: ${(e as Error).message}`, ['query'], 'INVALID')] };
    }
    const errors = validate(shopifyAdminSchema(), doc);
    if (errors.length)
      return { bulkOperation: null, userErrors: [userError(`Invalid bulk query: ${errors[0].message}`, ['query'], 'INVALID')] };
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const orders = op.selectionSet.selections.find((f): f is FieldNode => f.kind === Kind.FIELD && f.name.value === 'orders');
    if (!orders) return { bulkOperation: null, userErrors: [userError('This local server runs bulk queries over orders only', ['query'])] };
    const search = orders.arguments?.find((a) => a.name.value === 'query')?.value;
    const node = (orders.selectionSet?.selections ?? [])
      .filter((f): f is FieldNode => f.kind === Kind.FIELD && f.name.value === 'edges')
      .flatMap((e) => (e.selectionSet?.selections ?? []) as FieldNode[])
      .find((f) => f.name.value === 'node');
    const fields = (node?.selectionSet?.selections ?? []).map((f) => (f as FieldNode).name.value);
    const rows = this.updatedAfter(search?.kind === Kind.STRING ? search.value : '').map((o) => {
      const view = this.orderView(o);
      return JSON.stringify(Object.fromEntries(fields.map((f) => [f, view[f]])));
    });
    const created: LocalBulkOperation = {
      id: this.nextId('BulkOperation'),
      query,
      status: 'CREATED',
      polls: 0,
      jsonl: rows.map((r) => `${r}\n`).join(''),
      objectCount: rows.length,
    };
    this.bulkOperations.set(created.id, created);
    return { bulkOperation: this.bulkView(created), userErrors: [] };
  }

  private bulkView(b: LocalBulkOperation): Json {
    const done = b.status === 'COMPLETED';
    return {
      __typename: 'BulkOperation',
      id: b.id,
      status: b.status,
      objectCount: String(done ? b.objectCount : 0),
      // As Shopify: no file when nothing matched.
      url: done && b.objectCount > 0 ? `${this.bulkResultBase}/${encodeURIComponent(b.id)}.jsonl` : null,
      errorCode: null,
    };
  }

  /** A poll moves the operation on: CREATED → RUNNING → COMPLETED. */
  private pollBulk(id: string): Json | null {
    const b = this.bulkOperations.get(id);
    if (!b) return null;
    b.polls++;
    if (b.status === 'CREATED') b.status = 'RUNNING';
    else if (b.status === 'RUNNING') b.status = 'COMPLETED';
    return this.bulkView(b);
  }

  queries(): Json {
    return {
      node: ({ id }: Args) => {
        if (String(id).includes('/BulkOperation/')) return this.pollBulk(id as string);
        const o = this.orders.get(id as string);
        return o ? this.orderView(o) : null;
      },
      order: ({ id }: Args) => {
        const o = this.orders.get(id as string);
        return o ? this.orderView(o) : null;
      },
      nodes: ({ ids }: Args) =>
        (ids as string[]).map((id) => {
          const o = this.orders.get(id);
          return o ? this.orderView(o) : null;
        }),
      ordersCount: ({ query }: Args) => ({ count: this.updatedAfter(query).length, precision: 'EXACT' }),
      orders: ({ query, after }: Args) => {
        const all = this.updatedAfter(query);
        const start = after ? Number(after) : 0;
        const page = all.slice(start, start + 100);
        const end = start + page.length;
        return { pageInfo: { hasNextPage: end < all.length, endCursor: String(end) }, nodes: page.map((o) => this.orderView(o)) };
      },
      webhookSubscriptions: () => ({ pageInfo: { hasNextPage: false, endCursor: null }, nodes: this.webhooks }),
    };
  }

  mutations(): Json {
    return {
      bulkOperationRunQuery: ({ query }: Args) => this.runBulkQuery(query as string),
      inventorySetQuantities: (args: Args, _ctx: unknown, info: GraphQLResolveInfo) =>
        this.once(info, args, () => {
          const input = args.input as {
            name: string;
            reason: string;
            quantities: { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity?: number | null }[];
          };
          const changes: Json[] = [];
          for (const q of input.quantities) {
            const k = `${q.inventoryItemId}|${q.locationId}`;
            const current = this.inventory.get(k) ?? 0;
            if (q.changeFromQuantity !== undefined && q.changeFromQuantity !== null && q.changeFromQuantity !== current) {
              return {
                inventoryAdjustmentGroup: null,
                userErrors: [
                  userError(
                    'The specified compare quantity does not match the current quantity.',
                    ['input', 'quantities', '0', 'changeFromQuantity'],
                    'CHANGE_FROM_QUANTITY_STALE',
                  ),
                ],
              };
            }
            changes.push({ name: input.name, delta: q.quantity - current, quantityAfterChange: q.quantity });
          }
          const key = getDirectiveValues(info.schema.getDirective('idempotent')!, info.fieldNodes[0], info.variableValues)?.key as string;
          for (const q of input.quantities) {
            this.inventory.set(`${q.inventoryItemId}|${q.locationId}`, q.quantity);
            this.inventoryWrites.push({ item: q.inventoryItemId, location: q.locationId, quantity: q.quantity, key });
          }
          return {
            inventoryAdjustmentGroup: { id: this.nextId('InventoryAdjustmentGroup'), reason: input.reason, changes },
            userErrors: [],
          };
        }),
      fulfillmentCreate: ({ fulfillment }: Args) => {
        const f = fulfillment as {
          lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] }[];
          trackingInfo?: { number?: string; company?: string; url?: string };
        };
        const order = [...this.orders.values()].find((o) =>
          o.fulfillmentOrders.some((fo) => fo.id === f.lineItemsByFulfillmentOrder[0]?.fulfillmentOrderId),
        );
        if (!order) return { fulfillment: null, userErrors: [userError('Fulfillment order does not exist.', ['fulfillment'])] };
        const lines: { id: string; quantity: number }[] = [];
        for (const group of f.lineItemsByFulfillmentOrder) {
          const fo = order.fulfillmentOrders.find((x) => x.id === group.fulfillmentOrderId);
          if (!fo || fo.status === 'CLOSED')
            return { fulfillment: null, userErrors: [userError('Fulfillment order is not fulfillable.', ['fulfillment'])] };
          for (const item of group.fulfillmentOrderLineItems ?? fo.lines.map((l) => ({ id: l.id, quantity: l.remainingQuantity }))) {
            const line = fo.lines.find((l) => l.id === item.id);
            if (!line || line.remainingQuantity < item.quantity)
              return {
                fulfillment: null,
                userErrors: [userError('Invalid fulfillment order line item quantity requested.', ['fulfillment'])],
              };
            line.remainingQuantity -= item.quantity;
            lines.push(item);
          }
          if (fo.lines.every((l) => l.remainingQuantity === 0)) fo.status = 'CLOSED';
          else fo.status = 'IN_PROGRESS';
        }
        const t = f.trackingInfo ?? {};
        const created: LocalFulfillment = {
          id: this.nextId('Fulfillment'),
          status: 'SUCCESS',
          lines,
          trackingInfo:
            t.number || t.company || t.url ? [{ number: t.number ?? null, company: t.company ?? null, url: t.url ?? null }] : [],
        };
        order.fulfillments.push(created);
        order.updatedAt = new Date().toISOString();
        return { fulfillment: created, userErrors: [] };
      },
      refundCreate: (args: Args, _ctx: unknown, info: GraphQLResolveInfo) =>
        this.once(info, args, () => {
          const input = args.input as {
            orderId: string;
            note?: string;
            transactions?: { parentId: string; amount: string; kind: string }[];
          };
          const order = this.orders.get(input.orderId);
          if (!order) return { refund: null, userErrors: [userError('Order does not exist', ['orderId'])] };
          const amount = (input.transactions ?? []).reduce((a, t) => a + Number(t.amount), 0);
          const paid = order.transactions
            .filter((t) => t.kind === 'SALE' && t.status === 'SUCCESS')
            .reduce((a, t) => a + Number(t.amount), 0);
          const refunded = order.refunds.reduce((a, r) => a + Number(r.amount), 0);
          if (amount + refunded > paid + 1e-9)
            return { refund: null, userErrors: [userError('Refund amount exceeds the refundable amount', ['transactions'])] };
          const refund = { id: this.nextId('Refund'), note: input.note ?? null, amount: amount.toFixed(2) };
          order.refunds.push(refund);
          this.refundTransaction(order, refund.amount);
          order.updatedAt = new Date().toISOString();
          return {
            refund: { id: refund.id, note: refund.note, totalRefundedSet: money(refund.amount) },
            order: this.orderView(order),
            userErrors: [],
          };
        }),
      orderCancel: ({ orderId }: Args) => {
        const order = this.orders.get(orderId as string);
        if (!order) return { job: null, orderCancelUserErrors: [userError('Order not found', ['orderId'], 'NOT_FOUND')], userErrors: [] };
        if (order.cancelledAt)
          return {
            job: null,
            orderCancelUserErrors: [userError('Order has already been cancelled', ['orderId'], 'INVALID')],
            userErrors: [],
          };
        order.cancelledAt = new Date().toISOString();
        order.updatedAt = order.cancelledAt;
        return { job: { id: this.nextId('Job'), done: false }, orderCancelUserErrors: [], userErrors: [] };
      },
      tagsAdd: ({ id, tags }: Args) => {
        const order = this.orders.get(id as string);
        if (!order) return { node: null, userErrors: [userError('Resource not found', ['id'])] };
        for (const t of tags as string[]) if (!order.tags.includes(t)) order.tags.push(t);
        return { node: { __typename: 'Order', id }, userErrors: [] };
      },
      webhookSubscriptionCreate: ({ topic, webhookSubscription }: Args) => {
        const w = webhookSubscription as { uri: string; format?: string };
        if (this.webhooks.some((x) => x.topic === topic && x.uri === w.uri)) {
          return {
            webhookSubscription: null,
            userErrors: [userError('Address for this topic has already been taken', ['webhookSubscription', 'callbackUrl'])],
          };
        }
        const created = {
          id: this.nextId('WebhookSubscription'),
          topic: topic as string,
          uri: w.uri,
          format: w.format ?? 'JSON',
          createdAt: new Date().toISOString(),
        };
        this.webhooks.push(created);
        return { webhookSubscription: created, userErrors: [] };
      },
    };
  }
}
