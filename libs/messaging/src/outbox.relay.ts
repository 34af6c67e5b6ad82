import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { FindManyOptions, In, IsNull, LessThanOrEqual, Raw, Repository } from 'typeorm';
import { WeftConfig } from '@weft/config';
import { CloudEvent } from '@weft/events';
import { UnitOfWork } from '@weft/persistence';
import { ageSeconds, inSpan, SpanKind, WeftMetrics } from '@weft/observability';
import { Pump } from '@weft/platform';
import { DeadLetter } from './dead-letter.entity';
import { waitsOutOutage } from './transient-failure';
import { EVENT_PUBLISHER, EventPublisher } from './event-bus.port';
import { OutboxRecord } from './outbox.entity';
import { OutboxSignal } from './outbox.signal';

const BATCH = 200;
const LEASE_MS = 30_000;
const POLL_MS = 250;
const MAX_BACKOFF_MS = 60_000;
const PUBLISH_CONCURRENCY = 16;

/**
 * The relay's claim: unpublished, live, due rows nobody holds, oldest first. The IS NULL terms and
 * `nextAttemptAt <= now` stay top-level so that the partial index of unpublished rows (IDX_outbox_due,
 * in createdAt order) answers it: published rows are never read and nothing is sorted. Exported for the
 * bench's EXPLAIN.
 */
export function dueOutboxClaim(now: string, limit: number): FindManyOptions<OutboxRecord> {
  return {
    select: { id: true },
    where: {
      publishedAt: IsNull(),
      deadLetteredAt: IsNull(),
      nextAttemptAt: LessThanOrEqual(now),
      leaseUntil: Raw((column) => `(${column} IS NULL OR ${column} < :now)`, { now }),
    },
    order: { createdAt: 'ASC', id: 'ASC' },
    take: limit,
  };
}

function publishSpan(event: CloudEvent): Parameters<typeof inSpan>[1] {
  return {
    kind: SpanKind.PRODUCER,
    traceparent: event.traceparent,
    requestId: event.correlationid,
    attributes: { 'messaging.operation.type': 'send', 'messaging.destination.name': event.type, 'messaging.message.id': event.id },
  };
}

export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface OutboxOptions {
  /** Failures of a row while others got through, before it is dead-lettered as poison. */
  maxAttempts: number;
  /** First retry delay of a failing row; doubles per attempt, capped at a minute. */
  baseDelayMs: number;
}

const DEFAULT_OPTIONS: OutboxOptions = { maxAttempts: 8, baseDelayMs: 200 };

/**
 * Publishes committed outbox rows in order. Rows are claimed with a lease, so several instances on
 * PostgreSQL share the work; a row is marked published only after the publisher confirmed it, so a
 * crash re-publishes (consumers are idempotent) rather than loses. When a whole batch fails the
 * target is down: the relay pauses and no row is blamed. When one row fails while others get through,
 * the row is the problem: it is retried on its own backoff and, after maxAttempts, dead-lettered.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly owner = randomUUID();
  private readonly pump = new Pump('OutboxRelay', () => this.drain(), POLL_MS);
  /** After a failed publish, nothing is tried before this time (ms): the target is likely down. */
  private pausedUntil = 0;
  /** Consecutive batches that failed entirely: the pause grows with them. */
  private outageStreak = 0;
  private readonly options: OutboxOptions;
  private readonly enabled: boolean;
  /** Rows published since this drain pass began: the target answered, so a failure now is a row's own. */
  private deliveredThisPass = 0;

  constructor(
    @InjectRepository(OutboxRecord) private readonly outbox: Repository<OutboxRecord>,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly uow: UnitOfWork,
    signal: OutboxSignal,
    private readonly metrics: WeftMetrics,
    @Optional() @Inject(OUTBOX_OPTIONS) options: OutboxOptions | null = null,
    @Optional() @Inject(WeftConfig) config: WeftConfig | null = null,
  ) {
    this.options = options ?? DEFAULT_OPTIONS;
    // A WEFT_ROLE=serve replica leaves its rows to the replicas doing the background work.
    this.enabled = config?.runsBackgroundWork ?? true;
    signal.onNotify(() => this.kick());
    metrics.gauge('weft_outbox_pending_rows', 'Outbox rows committed but not yet published.', [], async () => [
      { labels: {}, value: await this.backlog() },
    ]);
    metrics.gauge('weft_outbox_oldest_age_seconds', 'Age of the oldest unpublished outbox row.', [], async () => {
      const oldest = await this.uow.serialised(() =>
        this.outbox.findOne({
          select: { createdAt: true },
          where: { publishedAt: IsNull(), deadLetteredAt: IsNull() },
          order: { createdAt: 'ASC' },
        }),
      );
      return [{ labels: {}, value: ageSeconds(oldest?.createdAt) }];
    });
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.pump.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.pump.stop();
  }

  kick(): void {
    if (this.enabled && Date.now() >= this.pausedUntil) this.pump.kick();
  }

  /** The target is back (NATS reconnected): the outage backoff ends now rather than at its next turn (up to a minute). */
  resume(): void {
    this.pausedUntil = 0;
    this.outageStreak = 0;
    if (this.enabled) this.pump.kick();
  }

  /** Publishes until nothing is due; returns how many rows were published. */
  async drain(): Promise<number> {
    let total = 0;
    this.deliveredThisPass = 0;
    for (;;) {
      if (Date.now() < this.pausedUntil) return total;
      const batch = await this.claim();
      if (batch.length === 0) return total;
      total += await this.publishBatch(batch);
      if (this.pump.isStopped) return total;
    }
  }

  private async claim(): Promise<OutboxRecord[]> {
    const now = new Date().toISOString();
    return this.uow.serialised(async () => {
      const due = await this.outbox.find(dueOutboxClaim(now, BATCH));
      if (due.length === 0) return [];
      const leaseUntil = new Date(Date.now() + LEASE_MS).toISOString();
      const ids = due.map((d) => d.id);
      // The lease condition is repeated in the UPDATE so two relays never both win a row.
      await this.outbox
        .createQueryBuilder()
        .update()
        .set({ leaseUntil, leaseOwner: this.owner })
        .where({ id: In(ids), publishedAt: IsNull() })
        .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :now)', { now })
        .execute();
      return this.outbox.find({ where: { id: In(ids), leaseOwner: this.owner, leaseUntil }, order: { createdAt: 'ASC', id: 'ASC' } });
    });
  }

  /**
   * Publishes a batch with bounded concurrency: consumers here are idempotent and order-independent
   * (deliveries merge monotonically), so per-row ordering is not needed and throughput is. Successes
   * are marked in one statement. A batch that failed entirely pauses the relay (the target is down);
   * a row that failed alone is struck, so one bad row never holds the others back.
   */
  private async publishBatch(batch: OutboxRecord[]): Promise<number> {
    const done: string[] = [];
    const failed: { row: OutboxRecord; error: Error }[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length) {
        const row = batch[next++];
        try {
          const event = JSON.parse(row.payload) as CloudEvent;
          await inSpan(`publish ${event.type}`, publishSpan(event), () => this.publisher.publish(event));
          done.push(row.id);
        } catch (e) {
          failed.push({ row, error: e as Error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PUBLISH_CONCURRENCY, batch.length) }, worker));
    if (done.length > 0) {
      const publishedAt = new Date().toISOString();
      await this.uow.serialised(() => this.outbox.update({ id: In(done) }, { publishedAt, leaseUntil: null, leaseOwner: null }));
    }
    this.deliveredThisPass += done.length;
    if (failed.length === 0) {
      this.outageStreak = 0;
      return done.length;
    }
    // A batch of rows that had already failed on their own, right after others got through in this pass,
    // says nothing about the target: those rows are struck again rather than the relay pausing for them.
    const targetUp = done.length > 0 || (this.deliveredThisPass > 0 && failed.every((f) => f.row.attempts > 0));
    const poison = failed.filter((f) => targetUp || f.error instanceof SyntaxError);
    if (poison.length === 0) {
      // Nothing got through: the target is down. No row is to blame; wait, then try the batch again.
      this.outageStreak++;
      const retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, this.options.baseDelayMs * 2 ** Math.min(this.outageStreak, 12));
      this.logger.warn(`publishing failed for the whole batch (${failed.length}), pausing: ${failed[0].error.message}`);
      await this.uow.serialised(() => this.outbox.update({ id: In(failed.map((f) => f.row.id)) }, { leaseUntil: null, leaseOwner: null }));
      this.pausedUntil = retryAt;
      return done.length;
    }
    this.outageStreak = 0;
    for (const { row, error } of poison) {
      this.metrics.retries.inc({ component: 'outbox', target: row.type });
      await this.strike(row, error);
    }
    return done.length;
  }

  /** A row that failed while others got through: its own backoff, and dead-lettered at the limit. */
  private async strike(row: OutboxRecord, error: Error): Promise<void> {
    const lastError = error.message.slice(0, 2000);
    if (waitsOutOutage(error, row.createdAt)) {
      // The target timed out or is at its limit for this row (it is loaded, or a replica is restarting): not
      // the row's fault, so no strike. The wait grows with the row's age, capped, so a slow target is not stormed.
      const age = Date.now() - Date.parse(row.createdAt);
      const retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, Math.max(this.options.baseDelayMs, age / 4));
      this.logger.warn(`publishing ${row.type} ${row.id} waits out an outage: ${error.message}`);
      await this.uow.serialised(() =>
        this.outbox.update(
          { id: row.id },
          { nextAttemptAt: new Date(retryAt).toISOString(), leaseUntil: null, leaseOwner: null, lastError },
        ),
      );
      return;
    }
    const attempts = row.attempts + 1;
    this.logger.warn(`publishing ${row.type} ${row.id} failed on its own (attempt ${attempts}): ${error.message}`);
    if (attempts >= this.options.maxAttempts) {
      const now = new Date().toISOString();
      await this.uow.run(async (m) => {
        await m.insert(DeadLetter, {
          consumer: 'outbox-relay',
          eventId: row.id,
          type: row.type,
          payload: row.payload,
          error: lastError,
          attempts,
          createdAt: now,
          replayedAt: null,
          discardedAt: null,
        });
        await m.update(OutboxRecord, { id: row.id }, { attempts, lastError, deadLetteredAt: now, leaseUntil: null, leaseOwner: null });
      });
      return;
    }
    const retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, this.options.baseDelayMs * 2 ** Math.min(attempts - 1, 12));
    await this.uow.serialised(() =>
      this.outbox.update(
        { id: row.id },
        { attempts, nextAttemptAt: new Date(retryAt).toISOString(), leaseUntil: null, leaseOwner: null, lastError },
      ),
    );
  }

  async backlog(): Promise<number> {
    return this.uow.serialised(() => this.outbox.count({ where: { publishedAt: IsNull(), deadLetteredAt: IsNull() } }));
  }
}
