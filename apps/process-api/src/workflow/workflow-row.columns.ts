import { Column } from 'typeorm';

/**
 * The bookkeeping every workflow-driven row carries (orders, returns): retries, when to look next, and
 * the lease that keeps two runners off the same row. Entities extend it; TypeORM inherits the columns.
 */
export abstract class WorkflowRowColumns {
  @Column({ type: 'integer', default: 0 }) attempts: number;
  /** When the runner should next look at this row; null while it waits for an outside event. */
  @Column({ type: 'varchar', length: 30, nullable: true }) nextAttemptAt: string | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  /** While waiting (or after failing): the state whose step is retried when the row moves on. */
  @Column({ type: 'varchar', length: 24, nullable: true }) resumeState: string | null;
  /** When the current wait for a system behind began: the give-up budget runs from here. */
  @Column({ type: 'varchar', length: 30, nullable: true }) waitingSince: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) leaseUntil: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) leaseOwner: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}
