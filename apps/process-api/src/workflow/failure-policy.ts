import { ErrorCode, isDomainError } from '@weft/problem';

/** Whether a step failure is worth retrying, or says the order itself cannot proceed. */
export function isPermanent(e: unknown): boolean {
  if (!isDomainError(e)) return false;
  switch (e.code) {
    case ErrorCode.BUSINESS_RULE:
    case ErrorCode.TAX_NOT_MAPPED:
    case ErrorCode.VALIDATION:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.MALFORMED_REQUEST:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.INSUFFICIENT_SCOPE:
      return true;
    case ErrorCode.CONFLICT:
    case ErrorCode.OUT_OF_STOCK:
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.DOWNSTREAM_REJECTED:
    case ErrorCode.DOWNSTREAM_TIMEOUT:
    case ErrorCode.DOWNSTREAM_UNAVAILABLE:
    case ErrorCode.IDEMPOTENCY_IN_FLIGHT:
    case ErrorCode.IDEMPOTENCY_KEY_INVALID:
    case ErrorCode.IDEMPOTENCY_KEY_MISSING:
    case ErrorCode.IDEMPOTENCY_KEY_REUSED:
    case ErrorCode.INTERNAL:
    case ErrorCode.INVALID_SIGNATURE:
    case ErrorCode.INVALID_TOKEN:
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.METHOD_NOT_ALLOWED:
    case ErrorCode.PAYLOAD_TOO_LARGE:
    case ErrorCode.ROUTE_NOT_FOUND:
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      // Transient, or a problem of the call rather than the order: worth another attempt.
      return false;
  }
}

export function describeFailure(e: unknown): string {
  if (isDomainError(e)) return `${e.code}: ${e.detail}`;
  return e instanceof Error ? e.message : String(e);
}

export interface FailureDecision {
  attempts: number;
  reason: string;
  /** No more retries: park the work in its exception state. */
  final: boolean;
  /** When to try again if not final (ISO time). */
  retryAt: string;
}

/** Exponential backoff from `baseMs`; permanent failures and the last attempt are final. */
export function decideOnFailure(previousAttempts: number, e: unknown, maxAttempts: number, baseMs: number): FailureDecision {
  const attempts = previousAttempts + 1;
  return {
    attempts,
    reason: describeFailure(e),
    final: isPermanent(e) || attempts >= maxAttempts,
    retryAt: new Date(Date.now() + baseMs * 2 ** (attempts - 1)).toISOString(),
  };
}
