import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, startStack, Stack, waitFor } from '@weft/testing';

interface Summary {
  at: string;
  flow: { state: string; channel: string; count: number }[];
  receivedInWindow: { channel: string; count: number }[];
  aging: { state: string; ageSeconds: number }[];
  syncLatency: {
    windowMinutes: number;
    accepted: number;
    p50Seconds: number | null;
    p95Seconds: number | null;
    lastAcceptedAt: string | null;
  };
  exceptions: Record<string, number>;
  deadLettersPending: number;
  circuits: { layer: string; target: string; state: string }[];
  stockAccuracy: unknown[];
}

/** GET /v1/ops/summary: what the operations dashboard polls, read from process-api and the edge. */
describe('operations summary (/v1/ops/summary)', () => {
  let stack: Stack;
  let reader: string;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    reader = await stack.token({ sub: 'viewer@ops', scope: 'ops:read' });
  });
  afterAll(() => stack.close());

  const summary = async (query = '', token = reader): Promise<{ status: number; body: Summary }> => {
    const res = await fetch(`${stack.urls.experience}/v1/ops/summary${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Summary };
  };

  it('counts an order per state and channel, and measures its sync latency once the ERP accepted it', async () => {
    const before = await summary();
    expect(before.status).toBe(200);
    expect(before.body.syncLatency).toMatchObject({ windowMinutes: 60, accepted: 0, p50Seconds: null, p95Seconds: null });

    const started = Date.now();
    const res = await postShopifyWebhook(
      stack.urls.experience,
      'orders/create',
      paidShopifyOrder(shopifyFixture('orders-create.json'), '7770001'),
    );
    expect(res.status).toBeLessThan(300);
    const after = await waitFor(
      'the order accepted by the ERP in the summary',
      () => summary().then((r) => r.body),
      (s) => s.syncLatency.accepted === 1,
    );
    expect(after.flow).toContainEqual({ state: 'ACCEPTED_BY_ERP', channel: 'shopify', count: 1 });
    expect(after.receivedInWindow).toContainEqual({ state: 'RECEIVED', channel: 'shopify', count: 1 });
    const p50 = after.syncLatency.p50Seconds!;
    expect(p50).toBeGreaterThan(0);
    expect(p50).toBeLessThanOrEqual((Date.now() - started) / 1000 + 1);
    expect(after.syncLatency.p95Seconds).toBe(p50);
    expect(Date.parse(after.syncLatency.lastAcceptedAt!)).toBeGreaterThanOrEqual(started - 1000);
    expect(after.exceptions).toEqual({ failed: 0, waiting: 0, waitingForErp: 0, backordered: 0, returnExceptions: 0 });
    expect(after.deadLettersPending).toBe(0);
    expect(after.circuits).toEqual(
      expect.arrayContaining([
        { layer: 'experience-api', target: 'process-api', state: 'closed' },
        { layer: 'process-api', target: 'system-api', state: 'closed' },
      ]),
    );
  });

  it('answers a window out of bounds with a problem, and needs ops:read', async () => {
    for (const q of ['?windowMinutes=0', '?windowMinutes=1441', '?windowMinutes=soon']) expect((await summary(q)).status).toBe(400);
    expect((await summary('?windowMinutes=5')).body.syncLatency.windowMinutes).toBe(5);
    const shop = await stack.token({ sub: 'a-shop', scope: 'orders:read' });
    expect((await summary('', shop)).status).toBe(403);
  });
});
