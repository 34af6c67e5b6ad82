import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// bigint comes back from PostgreSQL as a string; epoch milliseconds fit a JS number.
const epochMs = { to: (v: number): number => v, from: (v: string | number): number => Number(v) };

/** Idempotency records in the embedded database, when no Redis is configured. */
@Entity('gateway_idempotency_record')
export class IdempotencyRecordEntity {
  /** sha256 of client identity and key (see scopedKey). The primary key is the lock. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ type: 'varchar', length: 16 })
  state: 'pending' | 'done';

  /** The lease token of the request holding the record while it is pending. */
  @Column({ type: 'varchar', length: 36 })
  lease: string;

  /** JSON of StoredResponse once done. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Index()
  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt: number;
}
