import type { RetentionRule } from '@weft/platform';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

/**
 * Records of the embedded store kept `retentionSeconds` after completion, never less than the TTL the
 * key is answered for. A record's expiresAt is completion + TTL (lease end while pending), so the rows
 * that may go expired `retentionSeconds - ttlSeconds` ago: none is still answered from, none in flight.
 */
export function idempotencyRetentionRule(ttlSeconds: number, retentionSeconds: number): RetentionRule {
  const graceMs = Math.max(0, retentionSeconds - ttlSeconds) * 1000;
  return {
    table: 'gateway_idempotency_record',
    entity: IdempotencyRecordEntity,
    oldestFirst: 'expiresAt',
    prunable: (q, now) => q.where('t.expiresAt <= :cutoff', { cutoff: now - graceMs }),
  };
}
