import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Events written in the same transaction as the state change that caused them. */
@Entity('outbox')
@Index(['publishedAt', 'nextAttemptAt'])
/** The relay's claim walks only unpublished live rows, oldest first (see dueOutboxClaim). */
@Index('IDX_outbox_due', ['createdAt', 'id'], { where: '"publishedAt" IS NULL AND "deadLetteredAt" IS NULL' })
export class OutboxRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  type: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  /** The CloudEvent as JSON text. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publishedAt: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 30 })
  nextAttemptAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  leaseUntil: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Set when the row failed on its own too often (a poison row): it left the outbox for the dead letters. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  deadLetteredAt: string | null;
}
