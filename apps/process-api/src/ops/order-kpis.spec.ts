import { WeftMetrics } from '@weft/observability';
import type { UnitOfWork } from '@weft/persistence';
import { OrderKpis } from './order-kpis';

/** The gauges over a fake table: what a scrape reports and how many times it reads the orders table. */
describe('OrderKpis gauges', () => {
  const rows = [
    { state: 'RECEIVED', channel: 'shopify', n: '3', oldest: '2026-12-01T10:00:05.000Z' },
    { state: 'RECEIVED', channel: 'pos', n: '2', oldest: '2026-12-01T10:00:01.000Z' },
    { state: 'FAILED', channel: 'shopify', n: '1', oldest: '2026-12-01T09:00:00.000Z' },
    { state: 'FAILED', channel: 'partner', n: 4, oldest: '2026-12-01T09:30:00.000Z' },
    { state: 'ON_HOLD', channel: 'pos', n: '2', oldest: '2026-12-01T10:00:00.000Z' },
    { state: 'COMPLETED', channel: 'shopify', n: '90', oldest: '2026-11-01T00:00:00.000Z' },
  ];
  let groupBys = 0;
  const qb = {
    select: () => qb,
    addSelect: () => qb,
    groupBy: () => qb,
    addGroupBy: () => qb,
    getRawMany: async () => (groupBys++, rows),
  };
  const uow = {
    serialised: <T>(fn: () => Promise<T>) => fn(),
    manager: { createQueryBuilder: () => qb, count: async () => 5 },
  } as unknown as UnitOfWork;

  it('reads the orders table once per scrape for all three gauges, and reports per state, oldest and open exceptions', async () => {
    const metrics = new WeftMetrics('process-api');
    new OrderKpis(metrics, uow);
    const text = await metrics.registry.metrics();
    expect(groupBys).toBe(1);
    const value = (name: string, labels: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    expect(value('weft_orders', 'state="RECEIVED",channel="pos"')).toBe(2);
    expect(value('weft_orders', 'state="COMPLETED",channel="shopify"')).toBe(90);
    expect(value('weft_exceptions_open', 'kind="FAILED"')).toBe(5);
    expect(value('weft_exceptions_open', 'kind="WAITING"')).toBe(2);
    expect(value('weft_exceptions_open', 'kind="EXCEPTION"')).toBe(5);
    // Oldest across channels; terminal states other than FAILED have no age.
    const received = value('weft_order_oldest_age_seconds', 'state="RECEIVED"')!;
    const failed = value('weft_order_oldest_age_seconds', 'state="FAILED"')!;
    expect(failed - received).toBeCloseTo(3601, 0);
    expect(value('weft_order_oldest_age_seconds', 'state="COMPLETED"')).toBeUndefined();
    await metrics.registry.metrics();
    expect(groupBys).toBe(2);
  });
});
