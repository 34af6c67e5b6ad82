import { contextFromHeaders, parseTraceparent, randomHexId } from './correlation';

describe('trace and span ids', () => {
  it('are lower-case hex of the W3C lengths, distinct across many pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const ctx = contextFromHeaders(`r${i}`, undefined);
      expect(ctx.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(ctx.spanId).toMatch(/^[0-9a-f]{16}$/);
      ids.add(ctx.traceId).add(ctx.spanId);
    }
    expect(ids.size).toBe(4_000);
    expect(randomHexId(3)).toMatch(/^[0-9a-f]{6}$/);
  });

  it("continue a caller's valid traceparent with a new span id", () => {
    const ctx = contextFromHeaders('r', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(ctx.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(ctx.spanId).not.toBe('00f067aa0ba902b7');
    expect(parseTraceparent(`00-${ctx.traceId}-${ctx.spanId}-01`)).toBeDefined();
  });
});
