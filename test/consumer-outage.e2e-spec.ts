import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { CloudEvent, cloudEvent } from '@weft/events';
import { EventBus, InProcessEventBus, JetStreamEventBus } from '@weft/messaging';
import { DomainError, ErrorCode } from '@weft/problem';
import { REAL_INFRA, REAL_URLS, waitFor } from '@weft/testing';

const MAX_DELIVERIES = 2;
const outage = (): DomainError =>
  new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'A system behind the gateway is failing; its circuit is open.');

/** A consumer whose downstream is down for more deliveries than the dead-letter limit allows. */
function harness() {
  const handled: string[] = [];
  const deadLettered: { id: string; attempts: number }[] = [];
  const failures = new Map<string, number>();
  /** How many times each event fails before it goes through, and with what. */
  const plan = new Map<string, { times: number; error: () => Error }>();
  return {
    handled,
    deadLettered,
    sink: async (_c: string, e: CloudEvent, _err: unknown, attempts: number) => void deadLettered.push({ id: e.id, attempts }),
    handler: async (e: CloudEvent) => {
      const p = plan.get(e.id);
      const n = failures.get(e.id) ?? 0;
      if (p && n < p.times) {
        failures.set(e.id, n + 1);
        throw p.error();
      }
      handled.push(e.id);
    },
    plan,
  };
}

const event = (type: string, time?: string): CloudEvent => ({
  ...cloudEvent(type, '/test', randomBytes(4).toString('hex'), {}),
  ...(time ? { time } : {}),
});

function suite(
  name: string,
  open: (
    h: ReturnType<typeof harness>,
  ) => Promise<{ bus: EventBus; publish: (e: CloudEvent) => Promise<void>; close: () => Promise<void> }>,
) {
  describe(`${name}: an outage is waited out, not dead-lettered`, () => {
    const h = harness();
    let bus: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      bus = await open(h);
    });
    afterAll(() => bus.close());

    it('an event failing with downstream-unavailable more often than the limit is handled once, never dead-lettered', async () => {
      const e = event('weft.test.outage.v1');
      h.plan.set(e.id, { times: MAX_DELIVERIES + 3, error: outage });
      await bus.publish(e);
      await waitFor(
        'the event handled',
        async () => h.handled,
        (x) => x.includes(e.id),
        30_000,
      );
      expect(h.handled.filter((id) => id === e.id)).toHaveLength(1);
      expect(h.deadLettered.map((d) => d.id)).not.toContain(e.id);
    });

    it('an unexpected error is still dead-lettered at the limit', async () => {
      const e = event('weft.test.outage.v1');
      h.plan.set(e.id, { times: 100, error: () => new Error('a bug') });
      await bus.publish(e);
      const dl = await waitFor(
        'the dead letter',
        async () => h.deadLettered.find((d) => d.id === e.id),
        (x) => !!x,
        30_000,
      );
      expect(dl!.attempts).toBe(MAX_DELIVERIES);
      expect(h.handled).not.toContain(e.id);
    });

    it('an outage older than the 24 h budget is dead-lettered', async () => {
      const e = event('weft.test.outage.v1', new Date(Date.now() - 25 * 3_600_000).toISOString());
      h.plan.set(e.id, { times: 100, error: outage });
      await bus.publish(e);
      await waitFor(
        'the dead letter',
        async () => h.deadLettered.map((d) => d.id),
        (x) => x.includes(e.id),
        30_000,
      );
      expect(h.handled).not.toContain(e.id);
    });
  });
}

suite('in-process bus', async (h) => {
  const bus = new InProcessEventBus({ maxDeliveries: MAX_DELIVERIES, baseDelayMs: 10 }, h.sink);
  await bus.subscribe({ consumer: 'projection', types: ['weft.test.outage.v1'], handler: h.handler });
  // publish resolves when the subscriber is done; the test waits on the outcome, so it runs in the background.
  return { bus, publish: async (e) => void bus.publish(e).catch(() => undefined), close: async () => undefined };
});

if (REAL_INFRA) {
  suite('JetStream', async (h) => {
    const nc: NatsConnection = await connect({ servers: REAL_URLS.NATS_URL });
    const prefix = `t_${randomBytes(4).toString('hex')}`;
    const bus = new JetStreamEventBus(nc, prefix, { maxDeliveries: MAX_DELIVERIES, baseDelayMs: 10 }, h.sink);
    await bus.init();
    await bus.subscribe({ consumer: 'projection', types: ['weft.test.outage.v1'], handler: h.handler });
    return {
      bus,
      publish: (e) => bus.publish(e),
      close: async () => {
        await bus.close();
        const jsm = await nc.jetstreamManager();
        await jsm.streams.delete(`${prefix}_EVENTS`).catch(() => undefined);
        await nc.close();
      },
    };
  });
}
