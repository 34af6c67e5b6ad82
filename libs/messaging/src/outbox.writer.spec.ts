import { EntityManager } from 'typeorm';
import { cloudEvent, CloudEvent } from '@weft/events';
import { requestContext } from '@weft/observability';
import { OutboxRecord } from './outbox.entity';
import { OutboxSignal } from './outbox.signal';
import { OutboxWriter } from './outbox.writer';

/** Records what would be inserted: the writer's only side effect besides the signal. */
function capture(): { manager: EntityManager; events: () => CloudEvent[] } {
  const rows: Pick<OutboxRecord, 'payload'>[] = [];
  const manager = { insert: async (_e: unknown, r: Pick<OutboxRecord, 'payload'>[]) => void rows.push(...r) } as unknown as EntityManager;
  return { manager, events: () => rows.map((r) => JSON.parse(r.payload) as CloudEvent) };
}

describe('OutboxWriter', () => {
  const ctx = { requestId: 'req-42', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: '01' };

  it('stamps the writing request on each event, so the relay carries it whenever it publishes', async () => {
    const { manager, events } = capture();
    const writer = new OutboxWriter(new OutboxSignal());
    await requestContext.run(ctx, () => writer.append(manager, [cloudEvent('t.v1', '/s', 'k', {}), cloudEvent('t.v1', '/s', 'k', {})]));
    expect(events().map((e) => e.correlationid)).toEqual(['req-42', 'req-42']);
  });

  it('keeps a correlation the event already has, and adds none outside a request', async () => {
    const { manager, events } = capture();
    const writer = new OutboxWriter(new OutboxSignal());
    await requestContext.run(ctx, () => writer.append(manager, [cloudEvent('t.v1', '/s', 'k', {}, { correlationid: 'req-1' })]));
    await writer.append(manager, [cloudEvent('t.v1', '/s', 'k', {})]);
    expect(events().map((e) => e.correlationid)).toEqual(['req-1', undefined]);
  });
});
