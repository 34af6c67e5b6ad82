import { connect } from 'nats';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { OutboxRelay } from '@weft/messaging';
import { freePort, OwnServer, startOwnNats, startStack, Stack, waitFor } from '@weft/testing';

interface Ready {
  status: string;
  details: Record<string, { status: string; impact?: string }>;
}

/** README "Degraded modes": the stack on a NATS JetStream of the suite's own (on a free port), killed and started again. */
describe('NATS down behind process-api', () => {
  let nats: OwnServer;
  let stack: Stack;
  let relay: OutboxRelay;

  beforeAll(async () => {
    nats = await startOwnNats(await freePort());
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { NATS_URL: nats.url, WORKFLOW_POLL_MS: '50' },
    );
    relay = stack.apps[1].get(OutboxRelay);
  });
  afterAll(async () => {
    await stack.close();
    await nats.kill();
  });

  const partner = () => stack.token({ sub: 'partner-n', scope: 'orders:read orders:write', partnerId: 'partner-n' });
  const place = async (ref: string): Promise<{ id: string }> => {
    const res = await fetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await partner()}`, 'content-type': 'application/json', 'idempotency-key': `"${ref}"` },
      body: JSON.stringify({
        externalId: ref,
        currency: 'USD',
        paymentStatus: 'paid',
        lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }],
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };
  const state = async (id: string): Promise<string> =>
    (
      (await (
        await fetch(`${stack.urls.experience}/v1/orders/${id}`, { headers: { authorization: `Bearer ${await partner()}` } })
      ).json()) as {
        state: string;
      }
    ).state;
  const ready = async (): Promise<{ code: number; body: Ready }> => {
    const res = await fetch(`${stack.urls.process}/health/ready`);
    return { code: res.status, body: (await res.json()) as Ready };
  };
  const streamMessages = async (): Promise<number> => {
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await nc.jetstreamManager();
      return (await jsm.streams.info(`${stack.env.NATS_PREFIX ?? 'weft'}_EVENTS`)).state.messages;
    } finally {
      await nc.close();
    }
  };

  it('keeps taking orders into the outbox and stays ready while NATS is down; the outbox drains when it is back', async () => {
    const first = await place('PO-NATS-UP');
    await waitFor(
      'the first order accepted and its events published',
      async () => [await state(first.id), await relay.backlog()] as const,
      ([s, b]) => s === 'ACCEPTED_BY_ERP' && b === 0,
    );
    const publishedBefore = await streamMessages();

    await nats.kill();
    const degraded = await waitFor('readiness to report NATS degraded', ready, (r) => r.body.details.nats?.status === 'degraded');
    expect(degraded.code).toBe(200);
    expect(degraded.body.status).toBe('ok');
    expect(degraded.body.details.nats.impact).toMatch(/outbox/);

    // Intake does not need NATS: the order is accepted, its workflow runs, and its events wait in the outbox.
    const during = await place('PO-NATS-DOWN');
    await waitFor(
      'the order accepted by the ERP with NATS down',
      () => state(during.id),
      (s) => s === 'ACCEPTED_BY_ERP',
    );
    expect(await relay.backlog()).toBeGreaterThan(0);
    expect((await ready()).code).toBe(200);

    await nats.start();
    await waitFor(
      'the outbox to drain',
      () => relay.backlog(),
      (n) => n === 0,
      60_000,
    );
    expect(await streamMessages()).toBeGreaterThan(publishedBefore);
    const back = await waitFor('readiness to report NATS up', ready, (r) => r.body.details.nats?.status === 'up');
    expect(back.code).toBe(200);
    expect(back.body.details.consumers?.status ?? 'up').toBe('up');
  });
});
