import { Injectable } from '@nestjs/common';
import { Like } from 'typeorm';
import { OutboxRecord } from '@weft/messaging';
import { traceIdOf } from '@weft/observability';
import { mapOrderSearchResult, OrderSearchMatch, OrderSearchResultDto } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { mapOrder } from '../orders/orders.dto';
import { OrderStore } from '../orders/order.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE_ID = /^[0-9a-f]{32}$/;
// Kept in step with @ListLimit(20) on the search routes (the contract's maxItems).
const MAX_RESULTS = 20;

/** Finds orders by any id an operator may hold: the order's own, the channel's, the ERP's, or a request or trace id. */
@Injectable()
export class OrderSearchService {
  constructor(private readonly store: OrderStore) {}

  async search(q: string): Promise<OrderSearchResultDto[]> {
    const term = q.trim();
    const found = new Map<string, { order: OrderRecord; by: OrderSearchMatch }>();
    const add = (by: OrderSearchMatch, rows: OrderRecord[]): void => {
      for (const order of rows) if (!found.has(order.id)) found.set(order.id, { order, by });
    };
    const m = this.store.uow.manager;
    const find = (where: Partial<Record<keyof OrderRecord, unknown>>): Promise<OrderRecord[]> =>
      this.store.uow.serialised(() => m.find(OrderRecord, { where: where as never, take: MAX_RESULTS }));
    if (UUID.test(term)) add('id', await find({ id: term.toLowerCase() }));
    add('externalId', await find({ externalId: term }));
    // A Shopify name is "#1001"; channels also quote it without the hash.
    add('orderNumber', await find({ orderNumber: term }));
    if (!term.startsWith('#')) add('orderNumber', await find({ orderNumber: `#${term}` }));
    add('erpOrderNumber', await find({ erpOrderNumber: term }));
    add('erpSalesOrderId', await find({ erpSalesOrderId: term }));
    // Business keys: shopify:<shop>:<id>, pos:<store>:<sale>, storefront:<ref>.
    add('businessKey', await find({ businessKey: term }));
    // A bare id also matches the last segment of a shop- or store-scoped key (shopify:<shop>:<id>, pos:<store>:<sale>).
    if (!term.includes(':')) {
      add('externalId', await find({ channel: 'shopify', externalId: Like(`%:${term}`) }));
      add('businessKey', await find({ channel: 'pos', businessKey: Like(`pos:%:${term}`) }));
    }
    if (TRACE_ID.test(term)) add('traceId', await find({ traceparent: Like(`00-${term}-%`) }));
    if (found.size === 0) add('requestId', await this.byRequestId(term));
    const results = [...found.values()].slice(0, MAX_RESULTS);
    return Promise.all(
      results.map(async ({ order, by }) =>
        mapOrderSearchResult(by, traceIdOf(order.traceparent) ?? null, mapOrder(order, await this.store.timeline(order.id))),
      ),
    );
  }

  /** The request id travels on the events an order emitted (CloudEvents `correlationid`). */
  private async byRequestId(term: string): Promise<OrderRecord[]> {
    const needle = JSON.stringify({ correlationid: term }).slice(1, -1);
    const rows = await this.store.uow.serialised(() =>
      this.store.uow.manager.find(OutboxRecord, { select: { subject: true }, where: { payload: Like(`%${needle}%`) }, take: MAX_RESULTS }),
    );
    const keys = [...new Set(rows.map((r) => r.subject).filter((s): s is string => !!s))];
    const orders = await Promise.all(keys.map((k) => this.store.findByBusinessKey(k)));
    return orders.filter((o): o is OrderRecord => !!o);
  }
}
