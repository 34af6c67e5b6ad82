import { connect, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { cloudEvent, EventType } from '@weft/events';
import { JetStreamEventBus } from '@weft/messaging';
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
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';

interface Activity {
  activityKey: string;
}

/**
 * Replaying a downstream consumer from a point in time: the edge route, process-api's replay on its own
 * JetStream consumer, and the reference CRM deduping on the activity key. The in-process bus answers 409.
 */
describe('replay of a consumer from a point in time (/v1/ops/consumers/{name}/replay)', () => {
  let stack: Stack;
  let ops: string;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    ops = await stack.token({ sub: 'alice@ops', scope: 'ops:read ops:write' });
  });
  afterAll(() => stack.close());

  const replay = async (name: string, body: unknown, token = ops) => {
    const res = await fetch(`${stack.urls.experience}/v1/ops/consumers/${name}/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('refuses bad input, an unknown consumer and a caller without ops:write, as problems', async () => {
    expect((await replay('crm-shipment-activity', { from: 'yesterday' })).status).toBe(400);
    expect((await replay('crm-shipment-activity', { from: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(400);
    const unknown = await replay('no-such-consumer', { from: new Date().toISOString() });
    expect(unknown.status).toBe(404);
    const reader = await stack.token({ sub: 'bob@ops', scope: 'ops:read' });
    expect((await replay('crm-shipment-activity', { from: new Date().toISOString() }, reader)).status).toBe(403);
  });

  (REAL_INFRA ? it.skip : it)('answers 409 on the in-process bus: it keeps no events to replay', async () => {
    const res = await replay('crm-shipment-activity', { from: new Date(Date.now() - 60_000).toISOString() });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/needs the JetStream event bus/);
  });

  (REAL_INFRA ? it : it.skip)('re-delivers the events after T and not before, and the CRM effects do not double', async () => {
    // An order that reached the CRM: the consumer's effect needs its contact.
    const externalId = '700000000000000777';
    expect(
      (
        await postShopifyWebhook(
          stack.urls.experience,
          'orders/create',
          paidShopifyOrder(shopifyFixture('orders-create.json'), externalId),
          { eventId: 'replay-1' },
        )
      ).status,
    ).toBe(200);
    const processToken = await stack.serviceToken({ audience: 'process-api', scope: 'process:read' });
    const found = await waitFor(
      'the order with its CRM contact',
      async () => {
        const res = await fetch(`${stack.urls.process}/v1/ops/orders/search?q=${encodeURIComponent(shopifyOrderKey(externalId))}`, {
          headers: { authorization: `Bearer ${processToken}` },
        });
        return (await res.json()) as { order: { id: string; crmContactId: string | null } }[];
      },
      (r) => r.length > 0 && r[0].order.crmContactId !== null,
    );
    const { id: orderId, crmContactId } = found[0].order;
    const systemToken = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
    const activities = async () => {
      const res = await fetch(`${stack.urls.system}/v1/crm/contacts/${crmContactId}/activities`, {
        headers: { authorization: `Bearer ${systemToken}` },
      });
      return ((await res.json()) as Activity[]).filter((a) => a.activityKey.startsWith('shipment:replay-'));
    };

    // The test publishes shipment events on the app's stream as process-api's outbox would.
    const nc: NatsConnection = await connect({ servers: stack.env.NATS_URL });
    const publisher = new JetStreamEventBus(nc, stack.env.NATS_PREFIX, { maxDeliveries: 3, baseDelayMs: 10 }, async () => undefined);
    try {
      const shipped = (shipmentId: string) =>
        publisher.publish(cloudEvent(EventType.ShipmentConfirmed, '/test', orderId, { orderId, shipmentId, trackingNumber: null }));
      const tag = randomUUID().slice(0, 6);
      const before = [`replay-${tag}-b1`, `replay-${tag}-b2`];
      const after = [`replay-${tag}-a1`, `replay-${tag}-a2`];
      for (const s of before) await shipped(s);
      await waitFor('the live consumer to apply the first two', activities, (a) => a.length === 2);
      const t = new Date();
      for (const s of after) await shipped(s);
      await waitFor('the live consumer to apply all four', activities, (a) => a.length === 4);

      const res = await replay('crm-shipment-activity', { from: t.toISOString(), reason: 'CRM restored from backup' });
      expect(res.status).toBe(202);
      // Only the two events recorded after T are delivered again.
      expect(res.body).toMatchObject({ consumer: 'crm-shipment-activity', from: t.toISOString(), pending: 2 });

      const audit = async () => {
        const r = await fetch(`${stack.urls.experience}/v1/ops/audit?limit=50`, { headers: { authorization: `Bearer ${ops}` } });
        return (await r.json()) as { actor: string; action: string; targetId: string; reason: string | null; outcome: string }[];
      };
      const log = await waitFor('the replay to finish', audit, (a) => a.some((x) => x.action === 'replay-done'));
      expect(log.find((x) => x.action === 'replay')).toMatchObject({
        actor: 'alice@ops',
        targetId: 'crm-shipment-activity',
        reason: 'CRM restored from backup',
      });
      expect(log.find((x) => x.action === 'replay-done')!.outcome).toBe('2 re-applied, 0 failed');

      // The CRM was asked again for the two later shipments and kept one activity per key: four, not six.
      const keys = (await activities()).map((a) => a.activityKey).sort();
      expect(keys).toEqual([...before, ...after].map((s) => `shipment:${s}`).sort());

      // A replay from before everything delivers all four again, and still nothing doubles.
      const all = await replay('crm-shipment-activity', { from: new Date(t.getTime() - 3_600_000).toISOString() });
      expect(all.body.pending).toBeGreaterThanOrEqual(4);
      await waitFor('the second replay to finish', audit, (a) => a.filter((x) => x.action === 'replay-done').length === 2);
      expect((await activities()).length).toBe(4);
    } finally {
      await publisher.close();
      await nc.close();
    }
  });
});
