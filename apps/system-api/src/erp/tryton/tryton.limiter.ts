import { bulkhead, BulkheadPolicy } from 'cockatiel';

/**
 * One bulkhead per Tryton database (URL + name), shared by every client in the process: trytond's
 * SQLite backend shares one connection across threads and its lock() is a no-op, so parallel writes
 * double-book sequence numbers and stock. TRYTON_MAX_CONCURRENCY (default 1) bounds calls in flight;
 * the rest wait in an unbounded FIFO queue.
 */
const limiters = new Map<string, { limit: number; policy: BulkheadPolicy }>();

export function trytonLimiter(url: string, database: string, limit: number): BulkheadPolicy {
  const key = `${url.replace(/\/+$/, '')}|${database}`;
  const existing = limiters.get(key);
  // The first configuration wins: two bulkheads on one database would defeat the point.
  if (existing) return existing.policy;
  const policy = bulkhead(Math.max(1, limit), Number.MAX_SAFE_INTEGER);
  limiters.set(key, { limit, policy });
  return policy;
}
