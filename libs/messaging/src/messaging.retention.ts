import { WeftConfig } from '@weft/config';
import { cutoffIso, RetentionRule } from '@weft/platform';
import { DeadLetter } from './dead-letter.entity';
import { OutboxRecord } from './outbox.entity';
import { ProcessedEvent } from './processed-event.entity';

/**
 * What may go from the messaging tables. An outbox row only once published (an undelivered or
 * dead-lettered one stays: it has not reached anyone); a processed-event marker only past its window,
 * which outlasts the stream's redeliveries (see RETENTION_PROCESSED_EVENTS_DAYS); a dead letter only
 * once an operator replayed or discarded it.
 */
export function messagingRetentionRules(config: WeftConfig): RetentionRule[] {
  return [
    {
      table: 'outbox',
      entity: OutboxRecord,
      oldestFirst: 'publishedAt',
      prunable: (q, now) =>
        q
          .where('t.publishedAt IS NOT NULL')
          .andWhere('t.publishedAt <= :cutoff', { cutoff: cutoffIso(now, config.RETENTION_OUTBOX_DELIVERED_DAYS) }),
    },
    {
      table: 'processed_events',
      entity: ProcessedEvent,
      oldestFirst: 'processedAt',
      prunable: (q, now) => q.where('t.processedAt <= :cutoff', { cutoff: cutoffIso(now, config.RETENTION_PROCESSED_EVENTS_DAYS) }),
    },
    // Two rules, one per resolution, so each batch is a range scan of one index.
    ...(['replayedAt', 'discardedAt'] as const).map((column): RetentionRule => ({
      table: 'dead_letters',
      entity: DeadLetter,
      oldestFirst: column,
      prunable: (q, now) =>
        q
          .where(`t.${column} IS NOT NULL`)
          .andWhere(`t.${column} <= :cutoff`, { cutoff: cutoffIso(now, config.RETENTION_DEAD_LETTERS_RESOLVED_DAYS) }),
    })),
  ];
}
