import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { loadConfig, WeftConfig } from '@weft/config';
import { CloudEvent, cloudEvent } from '@weft/events';
import { DeadLetter, EventPublisher, MESSAGING_ENTITIES, OutboxRecord, OutboxRelay, OutboxSignal, OutboxWriter } from '@weft/messaging';
import { PersistenceModule, UnitOfWork } from '@weft/persistence';
import { WeftMetrics } from '@weft/observability';
import { DomainError, ErrorCode } from '@weft/problem';
import { ConfigModule, InfraModule } from '@weft/platform';
import { testEnv, waitFor } from '@weft/testing';

/** A publisher that refuses one poison event for good, or everything while "down". */
class FakePublisher implements EventPublisher {
  down = false;
  poison = new Set<string>();
  /** Events the target times out on this many more times (a loaded or restarting process-api). */
  slow = new Map<string, number>();
  published: string[] = [];
  async publish(event: CloudEvent): Promise<void> {
    if (this.down) throw new Error('bus unreachable');
    const slow = this.slow.get(event.id) ?? 0;
    if (slow > 0) {
      this.slow.set(event.id, slow - 1);
      throw new DomainError(ErrorCode.DOWNSTREAM_TIMEOUT, 'A system behind the gateway timed out.');
    }
    if (this.poison.has(event.id)) throw new Error(`rejected: ${event.type} is too large`);
    this.published.push(event.id);
  }
}

/** The outbox relay on a real database (SQLite, or PostgreSQL with WEFT_TEST_INFRA=real) with a fake bus. */
describe('outbox relay: poison rows and outages', () => {
  let ctx: INestApplicationContext;
  let uow: UnitOfWork;
  let rows: Repository<OutboxRecord>;
  let deadLetters: Repository<DeadLetter>;
  let publisher: FakePublisher;
  let relay: OutboxRelay;
  const writer = new OutboxWriter(new OutboxSignal());

  beforeAll(async () => {
    const config = loadConfig(WeftConfig, testEnv());
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(WeftConfig, config), InfraModule, PersistenceModule.forApp('relay', MESSAGING_ENTITIES)],
    }).compile();
    ctx = await moduleRef.init();
    uow = ctx.get(UnitOfWork);
    rows = ctx.get(getRepositoryToken(OutboxRecord));
    deadLetters = ctx.get(getRepositoryToken(DeadLetter));
    publisher = new FakePublisher();
    relay = new OutboxRelay(rows, publisher, uow, new OutboxSignal(), new WeftMetrics('relay-test'), { maxAttempts: 3, baseDelayMs: 20 });
  });
  afterAll(() => ctx.close());

  const append = async (n: number, tag: string): Promise<string[]> => {
    const events = Array.from({ length: n }, (_, i) => cloudEvent('weft.test.happened.v1', '/test', `${tag}-${i}`, { i }));
    await uow.run((m) => writer.append(m, events));
    return events.map((e) => e.id);
  };

  it('publishes the good rows at once and dead-letters a poison row after its attempts, never pausing for it', async () => {
    const ids = await append(6, 'batch');
    publisher.poison.add(ids[2]);
    expect(await relay.drain()).toBe(5);
    expect(publisher.published).toEqual(expect.arrayContaining(ids.filter((id) => id !== ids[2])));

    // New rows behind the poison one are not slowed: the relay did not pause for it.
    const later = await append(3, 'later');
    expect(await relay.drain()).toBe(3);
    expect(publisher.published).toEqual(expect.arrayContaining(later));

    const struck = await waitFor(
      'the poison row dead-lettered',
      async () => {
        await append(1, `filler-${Date.now()}`); // others getting through is what tells a poison row from an outage
        await relay.drain();
        return uow.serialised(() => rows.findOneBy({ id: ids[2] }));
      },
      (r) => r?.deadLetteredAt != null,
      15_000,
    );
    expect(struck!.attempts).toBe(3);
    expect(struck!.publishedAt).toBeNull();
    const dl = await uow.serialised(() => deadLetters.findOneBy({ consumer: 'outbox-relay', eventId: ids[2] }));
    expect(dl).toMatchObject({ type: 'weft.test.happened.v1', attempts: 3, error: 'rejected: weft.test.happened.v1 is too large' });
    expect(await relay.backlog()).toBe(0);
  });

  it('a row the target times out on more often than the limit, while others get through, is published, never dead-lettered', async () => {
    const ids = await append(3, 'slow');
    publisher.slow.set(ids[1], 5);
    await waitFor(
      'the slow row published',
      async () => {
        await append(1, `filler-${Date.now()}`);
        await relay.drain();
        return uow.serialised(() => rows.findOneBy({ id: ids[1] }));
      },
      (r) => r?.publishedAt != null,
      15_000,
    );
    const row = await uow.serialised(() => rows.findOneByOrFail({ id: ids[1] }));
    expect(row).toMatchObject({ attempts: 0, deadLetteredAt: null });
    expect(publisher.slow.get(ids[1])).toBe(0);
    expect(await uow.serialised(() => deadLetters.findOneBy({ consumer: 'outbox-relay', eventId: ids[1] }))).toBeNull();
  });

  it('blames no row while the bus is down, and publishes everything once it is back', async () => {
    publisher.down = true;
    const ids = await append(4, 'outage');
    expect(await relay.drain()).toBe(0);
    const held = await uow.serialised(() => rows.findBy(ids.map((id) => ({ id }))));
    expect(held.map((r) => r.attempts)).toEqual([0, 0, 0, 0]);
    expect(held.every((r) => r.deadLetteredAt === null && r.leaseUntil === null)).toBe(true);

    publisher.down = false;
    await waitFor(
      'the backlog published',
      () => relay.drain().then(() => relay.backlog()),
      (n) => n === 0,
      15_000,
    );
    expect(publisher.published).toEqual(expect.arrayContaining(ids));
  });
});
