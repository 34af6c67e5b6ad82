import 'reflect-metadata';
import { OutboxWriter } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { SystemConfig } from '../system.config';
import { ErpCancellationFeed } from './erp-cancellation.feed';
import { ErpFeedCursor } from './erp-feed-cursor.entity';
import { ErpGateway } from './erp.gateway';
import { ErpCancelledSalesOrder } from './erp.port';

/** The feed's reading and its watermark, on fakes: an ERP holding cancellations, an outbox that is unique on event id. */
describe('ErpCancellationFeed', () => {
  const at = (min: number) => new Date(Date.UTC(2026, 11, 1, 10, min)).toISOString();
  let cancelled: ErpCancelledSalesOrder[];
  let cursor: ErpFeedCursor | null;
  let outbox: Map<string, unknown>;
  let reads: string[];

  const feed = () => {
    const gateway = {
      erp: {
        listCancelledSalesOrders: (since: string, limit: number) => {
          reads.push(since);
          return Promise.resolve(cancelled.filter((c) => c.cancelledAt >= since).slice(0, limit));
        },
      },
    } as unknown as ErpGateway;
    const writer = {
      append: (_m: unknown, events: { id: string }[]) => {
        for (const e of events) {
          if (outbox.has(e.id))
            return Promise.reject(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }));
          outbox.set(e.id, e);
        }
        return Promise.resolve();
      },
    } as unknown as OutboxWriter;
    const manager = {
      findOneBy: () => Promise.resolve(cursor),
      save: (_e: unknown, row: ErpFeedCursor) => {
        cursor = row;
        return Promise.resolve(row);
      },
    };
    const uow = { manager, serialised: <T>(f: () => T) => f(), run: <T>(f: (m: unknown) => T) => f(manager) } as unknown as UnitOfWork;
    const config = Object.assign(new SystemConfig(), { ERP_CANCELLATION_LOOKBACK_MS: 3_600_000, ERP_CANCELLATION_OVERLAP_MS: 120_000 });
    return new ErpCancellationFeed(gateway, writer, uow, config);
  };

  beforeEach(() => {
    cancelled = [];
    cursor = null;
    outbox = new Map();
    reads = [];
  });

  it('emits each cancellation once, however often it is read, and moves the watermark to the latest', async () => {
    cancelled = [
      { salesOrderId: 'SO-1', externalReference: 'shopify:a:1', cancelledAt: at(1) },
      { salesOrderId: 'SO-2', externalReference: 'shopify:a:2', cancelledAt: at(3) },
    ];
    cursor = { feed: 'cancellations', watermark: at(0), lastRunAt: at(0), lastSeen: 0, lastError: null };
    const f = feed();
    expect(await f.poll()).toBe(2);
    expect(outbox.size).toBe(2);
    expect(cursor?.watermark).toBe(at(3));

    // Read again from 2 min behind the watermark: SO-2 is seen again and emits nothing; SO-3 is new.
    cancelled.push({ salesOrderId: 'SO-3', externalReference: 'shopify:a:3', cancelledAt: at(2) });
    await f.poll();
    expect(reads.at(-1)).toBe(at(1));
    expect(outbox.size).toBe(3);
    expect(cursor?.watermark).toBe(at(3));
  });

  it('a first run looks back ERP_CANCELLATION_LOOKBACK_MS and records the run on the cursor', async () => {
    const f = feed();
    const before = Date.now();
    await f.poll();
    expect(Date.parse(reads[0])).toBeLessThanOrEqual(before - 3_600_000 + 1000);
    expect(cursor).toMatchObject({ feed: 'cancellations', lastSeen: 0, lastError: null });
  });
});
