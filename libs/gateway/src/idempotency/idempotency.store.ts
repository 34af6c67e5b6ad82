/** The response a completed request is answered with again on replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body; absent for an empty response. */
  body?: unknown;
}

export type AcquireResult =
  | { outcome: 'acquired'; lease: string }
  | { outcome: 'in-flight'; fingerprint: string }
  | { outcome: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * One record per scoped key. `acquire` is atomic: of concurrent callers exactly one gets the lease, the
 * others see the request in flight (or its stored response). Expired records count as absent.
 */
export interface IdempotencyStore {
  acquire(key: string, fingerprint: string, leaseMs: number): Promise<AcquireResult>;
  /** Replaces the in-flight record with the response, kept for ttlMs. */
  complete(key: string, lease: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Drops the in-flight record, so the request can be sent again (validation failures, 5xx). */
  release(key: string, lease: string): Promise<void>;
}

/** The store cannot be reached: the request is refused (503) rather than run without its key claimed. */
export class IdempotencyUnavailableError extends Error {}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
