import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import {
  DEV_SHOP_DOMAIN,
  freePort,
  REAL_INFRA,
  paidShopifyOrder,
  postShopifyWebhook,
  shopifyFixture,
  startStack,
  Stack,
  waitFor,
} from '@weft/testing';

/** One sample line of the Prometheus text format: name{labels} value. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let stack: Stack;
  const raw = shopifyFixture('orders-create.json');

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
  });
  afterAll(() => stack.close());

  const scrape = async (url: string): Promise<string> => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  it('serves process and HTTP metrics on every app, labelled by route template', async () => {
    for (const [service, url] of Object.entries(stack.urls)) {
      await fetch(`${url}/health/live`);
      const text = await scrape(url);
      expect(sample(text, 'process_cpu_user_seconds_total', { service: `${service}-api` })).toBeGreaterThan(0);
      expect(
        sample(text, 'http_server_request_duration_seconds_count', {
          http_route: '/health/live',
          http_request_method: 'GET',
          http_response_status_code: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
    }
  });

  it('moves the order KPIs and the technical metrics when an order goes through', async () => {
    const before = await scrape(stack.urls.process);
    const syncedBefore = sample(before, 'weft_order_sync_duration_seconds_count', { channel: 'shopify' }) ?? 0;
    const id = '820982911946157001';
    const res = await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(raw, id), { eventId: 'evt-metrics-1' });
    expect(res.status).toBe(200);

    const after = await waitFor(
      'the sync latency histogram to count the order',
      () => scrape(stack.urls.process),
      (t) => (sample(t, 'weft_order_sync_duration_seconds_count', { channel: 'shopify' }) ?? 0) > syncedBefore,
    );
    expect(sample(after, 'weft_order_sync_duration_seconds_sum', { channel: 'shopify', shop: DEV_SHOP_DOMAIN })).toBeGreaterThan(0);
    expect(sample(after, 'weft_orders', { state: 'ACCEPTED_BY_ERP', channel: 'shopify' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'weft_order_oldest_age_seconds', { state: 'ACCEPTED_BY_ERP' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'weft_exceptions_open', { kind: 'FAILED' })).toBe(0);
    expect(sample(after, 'weft_outbox_pending_rows')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'weft_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    // process-api called system-api for the order; its circuit to system-api is closed.
    expect(sample(after, 'weft_outbound_call_duration_seconds_count', { target: 'system-api', outcome: 'success' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(after, 'weft_circuit_breaker_state', { target: 'system-api' })).toBe(0);
    // On NATS JetStream every durable consumer reports its pending messages.
    if (REAL_INFRA)
      expect(sample(after, 'weft_messaging_consumer_pending_messages', { consumer: 'crm-shipment-activity' })).toBeGreaterThanOrEqual(0);

    // Background work (stock reads for the projection, the cancellation feed) may hold an ERP call in the
    // bulkhead's queue at any one instant; what must hold is that the queue empties once the order is through.
    const system = await waitFor(
      'the ERP bulkhead queue to be empty',
      () => scrape(stack.urls.system),
      (t) => sample(t, 'weft_bulkhead_queued_calls', { target: 'erp' }) === 0,
    );
    expect(
      sample(system, 'weft_outbound_call_duration_seconds_count', { target: 'erp', operation: 'createSalesOrder', outcome: 'success' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(system, 'weft_circuit_breaker_state', { target: 'erp' })).toBe(0);
    const edge = await scrape(stack.urls.experience);
    expect(
      sample(edge, 'http_server_request_duration_seconds_count', {
        http_route: '/v1/webhooks/shopify',
        http_request_method: 'POST',
        http_response_status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /metrics closed by configuration', () => {
  let stack: Stack;
  const token = 'metrics-scraper-token-0123456789';
  afterEach(() => stack.close());

  it('answers 401 problem+json without METRICS_TOKEN and the metrics with it', async () => {
    stack = await startStack({ system: createSystemApi }, { METRICS_TOKEN: token });
    const open = await fetch(`${stack.urls.system}/metrics`);
    expect(open.status).toBe(401);
    expect(open.headers.get('content-type')).toContain('application/problem+json');
    expect(await open.text()).not.toContain('process_cpu');
    const wrong = await fetch(`${stack.urls.system}/metrics`, { headers: { authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${stack.urls.system}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('http_server_request_duration_seconds');
  });

  it('serves /metrics only on METRICS_PORT when that is set', async () => {
    const port = await freePort();
    stack = await startStack({ system: createSystemApi }, { METRICS_PORT: String(port) });
    expect((await fetch(`${stack.urls.system}/metrics`)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('process_cpu_user_seconds_total');
  });
});
