import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CloudEvent } from '@weft/events';
import { WeftMetrics } from '@weft/observability';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { DeadLetter } from './dead-letter.entity';
import { ProcessedEvent } from './processed-event.entity';

export type TransactionalHandler = (event: CloudEvent, manager: EntityManager) => Promise<void>;

/**
 * Applies an event once per consumer: the processed-event marker and the handler's writes commit
 * together, so a redelivery after a crash is recognised and skipped.
 */
@Injectable()
export class ConsumerRunner {
  private readonly logger = new Logger('ConsumerRunner');

  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(DeadLetter) private readonly deadLetters: Repository<DeadLetter>,
    private readonly metrics: WeftMetrics,
  ) {
    metrics.gauge(
      'weft_dead_letters',
      'Dead letters by event type, consumer and status (waiting: not replayed yet).',
      ['type', 'consumer', 'status'],
      () => this.countDeadLetters(),
    );
  }

  private async countDeadLetters(): Promise<{ labels: Record<'type' | 'consumer' | 'status', string>; value: number }[]> {
    const rows = await this.uow.serialised(() =>
      this.deadLetters
        .createQueryBuilder('d')
        .select('d.type', 'type')
        .addSelect('d.consumer', 'consumer')
        .addSelect(`CASE WHEN d.replayedAt IS NULL THEN 'waiting' ELSE 'replayed' END`, 'status')
        .addSelect('COUNT(*)', 'n')
        .groupBy('d.type')
        .addGroupBy('d.consumer')
        .addGroupBy('status')
        .getRawMany<{ type: string; consumer: string; status: string; n: string | number }>(),
    );
    return rows.map((r) => ({ labels: { type: r.type, consumer: r.consumer, status: r.status }, value: Number(r.n) }));
  }

  /** Returns false when the event had already been processed by this consumer. */
  async applyOnce(consumer: string, event: CloudEvent, handler: TransactionalHandler): Promise<boolean> {
    try {
      await this.uow.run(async (manager) => {
        await manager.insert(ProcessedEvent, { consumer, eventId: event.id, processedAt: new Date().toISOString() });
        await handler(event, manager);
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e) && (await this.alreadyProcessed(consumer, event.id))) return false;
      throw e;
    }
  }

  /**
   * For handlers that manage their own transactions: skips a known event, runs the (idempotent)
   * work, then records the event. A crash between the two re-runs idempotent work, never loses it.
   */
  async once(consumer: string, eventId: string, work: () => Promise<void>): Promise<boolean> {
    if (await this.alreadyProcessed(consumer, eventId)) return false;
    await work();
    try {
      await this.uow.serialised(() =>
        this.uow.manager.insert(ProcessedEvent, { consumer, eventId, processedAt: new Date().toISOString() }),
      );
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return true;
  }

  private async alreadyProcessed(consumer: string, eventId: string): Promise<boolean> {
    return (await this.uow.serialised(() => this.uow.manager.count(ProcessedEvent, { where: { consumer, eventId } }))) > 0;
  }

  async deadLetter(consumer: string, event: CloudEvent, error: unknown, attempts: number): Promise<void> {
    this.metrics.deadLettered.inc({ type: event.type, consumer });
    this.logger.error(`dead-lettered ${event.type} ${event.id} for ${consumer} after ${attempts} attempts: ${(error as Error).message}`);
    await this.uow.serialised(() =>
      this.deadLetters.insert({
        consumer,
        eventId: event.id,
        type: event.type,
        payload: JSON.stringify(event),
        error: String((error as Error).message ?? error).slice(0, 4000),
        attempts,
        createdAt: new Date().toISOString(),
        replayedAt: null,
        discardedAt: null,
      }),
    );
  }
}
