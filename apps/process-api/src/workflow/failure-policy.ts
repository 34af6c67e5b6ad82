import { ErrorCode, isDomainError } from '@weft/problem';

/** What a step failure says about the work: wait for the system, stop for good, or hold for stock. */
export enum FailureKind {
  /** The system behind is unreachable, slow, at its limit or its circuit is open: wait and try again. */
  TRANSIENT = 'transient',
  /** The work itself cannot proceed (invalid, unknown SKU, a business rule): FAILED at once. */
  PERMANENT = 'permanent',
  /** The ERP has no stock for it: a business exception the workflow parks until stock arrives. */
  OUT_OF_STOCK = 'out-of-stock',
  /** Not a known outage, not the order's fault (a bug, a conflict): a few attempts, then FAILED. */
  UNEXPECTED = 'unexpected',
}

/** Exhaustive: a new ErrorCode without a classification fails type-check. */
export function failureKindOf(code: ErrorCode): FailureKind {
  switch (code) {
    case ErrorCode.BUSINESS_RULE:
    case ErrorCode.TAX_NOT_MAPPED:
    case ErrorCode.VALIDATION:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.MALFORMED_REQUEST:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.INSUFFICIENT_SCOPE:
    case ErrorCode.IDEMPOTENCY_KEY_INVALID:
    case ErrorCode.IDEMPOTENCY_KEY_MISSING:
    case ErrorCode.IDEMPOTENCY_KEY_REUSED:
    case ErrorCode.PAYLOAD_TOO_LARGE:
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return FailureKind.PERMANENT;
    case ErrorCode.OUT_OF_STOCK:
      return FailureKind.OUT_OF_STOCK;
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.DOWNSTREAM_TIMEOUT:
    case ErrorCode.DOWNSTREAM_UNAVAILABLE:
    case ErrorCode.IDEMPOTENCY_IN_FLIGHT:
      return FailureKind.TRANSIENT;
    case ErrorCode.CONFLICT:
    case ErrorCode.DOWNSTREAM_REJECTED:
    case ErrorCode.INTERNAL:
    case ErrorCode.INVALID_SIGNATURE:
    case ErrorCode.INVALID_TOKEN:
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.METHOD_NOT_ALLOWED:
    case ErrorCode.ROUTE_NOT_FOUND:
      return FailureKind.UNEXPECTED;
  }
}

export interface ClassifiedFailure {
  kind: FailureKind;
  code: ErrorCode;
  reason: string;
  /** The system behind said when to come back (circuit half-open, Retry-After), in ms from now. */
  retryAfterMs?: number;
  circuitOpen: boolean;
}

export function classifyFailure(e: unknown): ClassifiedFailure {
  if (!isDomainError(e)) {
    return {
      kind: FailureKind.UNEXPECTED,
      code: ErrorCode.INTERNAL,
      reason: e instanceof Error ? e.message : String(e),
      circuitOpen: false,
    };
  }
  const retryAfter = e.extensions.retryAfterMs;
  return {
    kind: failureKindOf(e.code),
    code: e.code,
    reason: `${e.code}: ${e.detail}`,
    retryAfterMs: typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : undefined,
    circuitOpen: e.extensions.circuit === 'open',
  };
}

export function describeFailure(e: unknown): string {
  return classifyFailure(e).reason;
}

export interface RetryPolicy {
  baseMs: number;
  /** Backoff cap: an outage of an hour is retried every capMs, not every two hours. */
  capMs: number;
  /** How long a transient failure may keep the work waiting before it is FAILED. */
  giveUpAfterMs: number;
  /** Attempts allowed for an unexpected failure. */
  maxUnexpectedAttempts: number;
  random?: () => number;
}

/** Capped exponential backoff with equal jitter: between half and all of min(cap, base·2^(n-1)). */
export function backoffMs(attempts: number, p: RetryPolicy): number {
  const ceiling = Math.min(p.capMs, p.baseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  return Math.round(ceiling / 2 + (p.random ?? Math.random)() * (ceiling / 2));
}

export type FailureDecision =
  | { action: 'wait'; attempts: number; failure: ClassifiedFailure; retryInMs: number }
  | { action: 'fail'; attempts: number; failure: ClassifiedFailure; why: string };

/** Waits out what is transient within the budget; fails what is permanent or has waited long enough. */
export function decideOnFailure(
  previousAttempts: number,
  waitingSinceMs: number | null,
  nowMs: number,
  e: unknown,
  p: RetryPolicy,
): FailureDecision {
  const attempts = previousAttempts + 1;
  const failure = classifyFailure(e);
  const retryInMs = Math.max(backoffMs(attempts, p), failure.retryAfterMs ?? 0);
  switch (failure.kind) {
    case FailureKind.PERMANENT:
    case FailureKind.OUT_OF_STOCK:
      return { action: 'fail', attempts, failure, why: `after ${attempts} attempt(s)` };
    case FailureKind.UNEXPECTED:
      return attempts >= p.maxUnexpectedAttempts
        ? { action: 'fail', attempts, failure, why: `after ${attempts} attempt(s)` }
        : { action: 'wait', attempts, failure, retryInMs };
    case FailureKind.TRANSIENT: {
      const waited = waitingSinceMs === null ? 0 : nowMs - waitingSinceMs;
      return waited >= p.giveUpAfterMs
        ? { action: 'fail', attempts, failure, why: `after waiting ${formatDuration(waited)} (${attempts} attempt(s))` }
        : { action: 'wait', attempts, failure, retryInMs };
    }
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** Parses "250ms", "30s", "15m", "24h", "2d" or a bare number of milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  return Number(m[1]) * unit;
}
