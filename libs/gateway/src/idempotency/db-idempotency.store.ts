import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { AcquireResult, IdempotencyStore, StoredResponse } from './idempotency.store';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

/**
 * The embedded-mode store: the INSERT into a primary-keyed table is the lock. On SQLite every statement
 * goes through UnitOfWork.serialised so it never lands inside another request's open transaction.
 * Expired records are never answered from; the retention pruner reclaims their space in small batches
 * (idempotencyRetentionRule).
 */
export class DbIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly repo: Repository<IdempotencyRecordEntity>,
    private readonly uow: UnitOfWork,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(key: string, fingerprint: string, leaseMs: number): Promise<AcquireResult> {
    const lease = randomUUID();
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = { id: key, fingerprint, state: 'pending' as const, lease, response: null, expiresAt: this.now() + leaseMs };
      try {
        await this.uow.serialised(() => this.repo.insert(row));
        return { outcome: 'acquired', lease };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      const current = await this.uow.serialised(() => this.repo.findOneBy({ id: key }));
      if (!current) continue;
      if (current.expiresAt <= this.now()) {
        // Expired: remove exactly that record (a concurrent taker may have replaced it) and insert again.
        await this.uow.serialised(() => this.repo.delete({ id: key, expiresAt: current.expiresAt }));
        continue;
      }
      if (current.state === 'done' && current.response) {
        return { outcome: 'completed', fingerprint: current.fingerprint, response: JSON.parse(current.response) as StoredResponse };
      }
      return { outcome: 'in-flight', fingerprint: current.fingerprint };
    }
    throw new Error('Idempotency record kept changing under the lock');
  }

  async complete(key: string, lease: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    await this.uow.serialised(() =>
      this.repo.update(
        { id: key, lease, state: 'pending' },
        { state: 'done', fingerprint, response: JSON.stringify(response), expiresAt: this.now() + ttlMs },
      ),
    );
  }

  async release(key: string, lease: string): Promise<void> {
    await this.uow.serialised(() => this.repo.delete({ id: key, lease, state: 'pending' }));
  }
}
