import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event a consumer could not handle after its retries: kept for inspection and replay. */
@Entity('dead_letters')
@Index(['consumer', 'eventId'])
export class DeadLetter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  consumer: string;

  @Column({ type: 'varchar', length: 64 })
  eventId: string;

  @Column({ type: 'varchar', length: 120 })
  type: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'text' })
  error: string;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  /** Indexed, as discardedAt, for retention: resolved dead letters are pruned oldest first. */
  @Index('IDX_dead_letters_replayed_at')
  @Column({ type: 'varchar', length: 30, nullable: true })
  replayedAt: string | null;

  /** An operator decided it needs no replay; the reason is in the audit log. */
  @Index('IDX_dead_letters_discarded_at')
  @Column({ type: 'varchar', length: 30, nullable: true })
  discardedAt: string | null;
}
