import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One reconciliation pass over a window; the cursor lets an interrupted run continue where it stopped. */
@Entity('reconciliation_runs')
export class ReconciliationRunRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 16 }) state: 'RUNNING' | 'COMPLETED' | 'FAILED';
  @Column({ type: 'varchar', length: 30 }) fromAt: string;
  @Column({ type: 'varchar', length: 30 }) toAt: string;
  @Column({ type: 'varchar', length: 16 }) trigger: 'demand' | 'schedule';
  /** The cron tick a scheduled run is for: unique, so two instances start it once. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 40, nullable: true }) scheduleKey: string | null;
  @Column({ type: 'varchar', length: 200 }) requestedBy: string;
  /** orders, then returns, then done. */
  @Column({ type: 'varchar', length: 10 }) phase: 'orders' | 'returns' | 'done';
  /** Keyset cursor inside the phase: the last (createdAt, id) checked. */
  @Column({ type: 'varchar', length: 30, nullable: true }) cursorAt: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) cursorId: string | null;
  @Column({ type: 'integer', default: 0 }) ordersTotal: number;
  @Column({ type: 'integer', default: 0 }) ordersChecked: number;
  @Column({ type: 'integer', default: 0 }) returnsTotal: number;
  @Column({ type: 'integer', default: 0 }) returnsChecked: number;
  @Column({ type: 'integer', default: 0 }) varianceCount: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) leaseUntil: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) leaseOwner: string | null;
  @Column({ type: 'varchar', length: 30 }) startedAt: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) finishedAt: string | null;
}

/** A difference between Weft's records and the ERP's postings; resolving keeps it, with who and why. */
@Entity('reconciliation_variances')
@Index(['runId', 'subjectKey', 'type'], { unique: true })
@Index(['state', 'type'])
export class ReconciliationVarianceRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Index() @Column({ type: 'varchar', length: 40 }) runId: string;
  @Column({ type: 'varchar', length: 24 }) type: string;
  @Column({ type: 'varchar', length: 10 }) state: 'OPEN' | 'RESOLVED';
  @Column({ type: 'varchar', length: 10 }) subject: 'order' | 'return';
  /** The order's or return's business key. */
  @Column({ type: 'varchar', length: 240 }) subjectKey: string;
  @Column({ type: 'varchar', length: 20 }) channel: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) shop: string | null;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'integer' }) weftAmountMinor: number;
  @Column({ type: 'integer' }) erpAmountMinor: number;
  @Column({ type: 'integer' }) differenceMinor: number;
  /** JSON: [{kind, id, amountMinor}] on each side. */
  @Column({ type: 'text' }) weftDocuments: string;
  @Column({ type: 'text' }) erpDocuments: string;
  @Column({ type: 'varchar', length: 500 }) detail: string;
  @Column({ type: 'varchar', length: 30 }) occurredAt: string;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) resolvedBy: string | null;
  @Column({ type: 'text', nullable: true }) resolutionNote: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) resolvedAt: string | null;
}

/** Append-only: who found, resolved or touched a variance, and why. */
@Entity('reconciliation_audit')
@Index(['varianceId', 'at'])
export class ReconciliationAuditRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 40 }) varianceId: string;
  @Column({ type: 'varchar', length: 20 }) action: 'found' | 'resolved';
  @Column({ type: 'varchar', length: 200 }) actor: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

export const RECONCILIATION_ENTITIES = [ReconciliationRunRecord, ReconciliationVarianceRecord, ReconciliationAuditRecord];
