import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { WorkflowRunner } from '../apps/process-api/src/orders/orders.runner';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { OutboxRelay } from '@weft/messaging';
import {
  paidShopifyOrder,
  postShopifyWebhook,
  REAL_INFRA,
  shopifyFixture,
  shopifyOrderKey,
  startStack,
  Stack,
  waitFor,
} from '@weft/testing';

/** The env one stack shares with the others (database, Redis, NATS, keys), without its own ports and addresses. */
function shared(stack: Stack): Record<string, string> {
  const env = { ...stack.env };
  for (const k of ['SYSTEM_API_PORT', 'PROCESS_API_PORT', 'EXPERIENCE_API_PORT', 'PROCESS_API_URL']) delete env[k];
  return env;
}

/** Requests a process-api replica answered on one route, from its own /metrics. */
async function served(url: string, method: string, route: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_server_request_duration_seconds_count{'))
    .filter((l) => l.includes(`http_request_method="${method}"`) && l.includes(`http_route="${route}"`))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

/**
 * Reads apart from the drain (issue 14): experience-api sends its GETs to a WEFT_ROLE=serve process-api
 * replica on the same PostgreSQL, Redis and NATS, and its writes to the replica that runs the workflows.
 */
(REAL_INFRA ? describe : describe.skip)('a serving-only process-api replica', () => {
  let main: Stack;
  let serving: Stack;
  let edge: Stack;

  beforeAll(async () => {
    main = await startStack({ system: createSystemApi, process: createProcessApi }, { WORKFLOW_POLL_MS: '50' });
    serving = await startStack({ process: createProcessApi }, { ...shared(main), WEFT_ROLE: 'serve' });
    edge = await startStack(
      { experience: createExperienceApi },
      { ...shared(main), PROCESS_API_URL: main.urls.process, PROCESS_API_READ_URL: serving.urls.process },
    );
  });
  afterAll(async () => {
    await edge?.close();
    await serving?.close();
    await main?.close();
  });

  it('starts no runner, relay or consumer of its own', () => {
    const app = serving.apps[0];
    expect(app.get(WorkflowRunner).engine).toBeDefined();
    // kick() on a serving replica is a no-op: nothing claims there, so nothing runs beside its reads.
    const claims = jest.spyOn(app.get(WorkflowRunner).engine, 'kick');
    app.get(WorkflowRunner).kick();
    expect(claims).not.toHaveBeenCalled();
    const relay = app.get(OutboxRelay);
    const drain = jest.spyOn(relay, 'drain');
    relay.kick();
    relay.resume();
    expect(drain).not.toHaveBeenCalled();
  });

  it('answers the order-status reads while the main replica takes the webhook and drives the order to the ERP', async () => {
    const id = '820982911946177001';
    const res = await postShopifyWebhook(
      edge.urls.experience,
      'orders/create',
      paidShopifyOrder(shopifyFixture('orders-create.json'), id),
      {
        webhookId: 'wh-serving-1',
        eventId: 'evt-serving-1',
      },
    );
    expect(res.status).toBe(200);
    const token = await edge.token({ sub: 'ops-console', scope: 'orders:read orders:read:all' });
    const before = await served(serving.urls.process, 'GET', '/v1/orders');
    const read = () =>
      fetch(`${edge.urls.experience}/v1/orders?source=shopify&externalId=${encodeURIComponent(shopifyOrderKey(id))}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { state: string }[] }));
    const found = await waitFor('the order accepted by the ERP, read through the serving replica', read, (r) =>
      r.body.some?.((o) => o.state === 'ACCEPTED_BY_ERP'),
    );
    expect(found.status).toBe(200);
    expect(await served(serving.urls.process, 'GET', '/v1/orders')).toBeGreaterThan(before);
    expect(await served(main.urls.process, 'GET', '/v1/orders')).toBe(0);
    expect(await served(main.urls.process, 'POST', '/v1/channel-events')).toBeGreaterThan(0);
    expect(await served(serving.urls.process, 'POST', '/v1/channel-events')).toBe(0);
  });
});
