import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { CloudEvent, cloudEvent } from '@weft/events';
import { JetStreamEventBus } from '@weft/messaging';
import { REAL_INFRA, REAL_URLS, waitFor } from '@weft/testing';

/** JetStream only (WEFT_TEST_INFRA=real): the duplicate window must not swallow an operator's replay. */
(REAL_INFRA ? describe : describe.skip)('JetStream replay of a dead letter', () => {
  let nc: NatsConnection;
  let bus: JetStreamEventBus;
  const prefix = `t_${randomBytes(4).toString('hex')}`;
  const seen: string[] = [];
  const deadLettered: string[] = [];
  let failFirst = true;

  beforeAll(async () => {
    nc = await connect({ servers: REAL_URLS.NATS_URL });
    bus = new JetStreamEventBus(nc, prefix, { maxDeliveries: 1, baseDelayMs: 10 }, async (_c, e) => {
      deadLettered.push(e.id);
    });
    await bus.init();
    await bus.subscribe({
      consumer: 'loyalty',
      types: ['weft.test.replayed.v1'],
      handler: async (e: CloudEvent) => {
        if (failFirst) {
          failFirst = false;
          throw new Error('loyalty database down');
        }
        seen.push(e.id);
      },
    });
  });
  afterAll(async () => {
    await bus.close();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(`${prefix}_EVENTS`).catch(() => undefined);
    await nc.close();
  });

  it('a re-publish of the same event is dropped as a duplicate, a replay is delivered', async () => {
    const event = cloudEvent('weft.test.replayed.v1', '/test', 'order-1', { points: 10 });
    await bus.publish(event);
    await waitFor(
      'dead-lettered',
      async () => deadLettered,
      (d) => d.includes(event.id),
    );
    await bus.publish(event); // the relay publishing again inside the window: the server drops it
    await bus.publish(event, { replay: true });
    await waitFor(
      'replay handled',
      async () => seen,
      (s) => s.includes(event.id),
    );
    expect(seen).toEqual([event.id]);
    expect(bus.stoppedConsumers()).toEqual([]);
  });
});
