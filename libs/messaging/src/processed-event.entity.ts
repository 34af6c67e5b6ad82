import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Consumer idempotency: an event id is applied once per consumer. */
@Entity('processed_events')
export class ProcessedEvent {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  consumer: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  eventId: string;

  /** Indexed for retention: pruning deletes the oldest markers in small batches. */
  @Index('IDX_processed_events_processed_at')
  @Column({ type: 'varchar', length: 30 })
  processedAt: string;
}
