import { WeftMetrics } from './weft-metrics';

/** The in-flight histogram's count and sum are what a drain's "calls" and "busy time" are computed from. */
describe('WeftMetrics.timeInFlight', () => {
  const series = async (m: WeftMetrics): Promise<Record<string, number>> => {
    const metric = await m.outboundInFlight.get();
    const out: Record<string, number> = {};
    for (const v of metric.values) {
      if (v.metricName?.endsWith('_bucket')) continue;
      out[`${v.metricName}:${String(v.labels.operation)}`] = v.value;
    }
    return out;
  };

  it('counts every attempt and sums the time it held the slot, failed ones included', async () => {
    const m = new WeftMetrics('test');
    const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    await m.timeInFlight('erp', 'reserveStock', wait(30));
    await expect(
      m.timeInFlight(
        'erp',
        'reserveStock',
        wait(30).then(() => Promise.reject(new Error('429'))),
      ),
    ).rejects.toThrow('429');
    await m.timeInFlight('erp', 'createSalesOrder', Promise.resolve(1));
    await wait(0);
    const s = await series(m);
    expect(s['weft_outbound_call_in_flight_seconds_count:reserveStock']).toBe(2);
    expect(s['weft_outbound_call_in_flight_seconds_sum:reserveStock']).toBeGreaterThanOrEqual(0.05);
    expect(s['weft_outbound_call_in_flight_seconds_sum:reserveStock']).toBeLessThan(1);
    expect(s['weft_outbound_call_in_flight_seconds_count:createSalesOrder']).toBe(1);
  });

  it('returns the same promise, so the caller sees the value or the error unchanged', async () => {
    const m = new WeftMetrics('test');
    const running = Promise.resolve('ok');
    expect(m.timeInFlight('erp', 'x', running)).toBe(running);
    await expect(m.timeInFlight('erp', 'x', running)).resolves.toBe('ok');
  });
});
