import { CloudEvent } from '@weft/events';
import { ErrorCode, isDomainError } from '@weft/problem';

/** A system behind is down, slow, at its limit or its circuit is open: the event is fine, the moment is not. */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.DOWNSTREAM_UNAVAILABLE,
  ErrorCode.DOWNSTREAM_TIMEOUT,
  ErrorCode.RATE_LIMITED,
  ErrorCode.IDEMPOTENCY_IN_FLIGHT,
]);

/** How long a consumer keeps waiting out an outage before the event is dead-lettered after all (the workflows' default). */
export const TRANSIENT_GIVE_UP_MS = 24 * 3_600_000;
const TRANSIENT_MAX_DELAY_MS = 60_000;

/**
 * A handler failure that is an outage, for an event young enough to keep waiting: retried with capped
 * backoff and not counted towards the dead-letter limit, so an ERP outage never sends events to operators.
 */
export function waitsOutOutage(e: unknown, since: CloudEvent['time'], budgetMs = TRANSIENT_GIVE_UP_MS, now = Date.now()): boolean {
  if (!isDomainError(e) || !TRANSIENT_CODES.has(e.code)) return false;
  const born = Date.parse(since);
  return !Number.isFinite(born) || now - born < budgetMs;
}

/** Doubling from `baseMs`, capped at 60 s. */
export function outageDelayMs(baseMs: number, attempt: number): number {
  return Math.min(TRANSIENT_MAX_DELAY_MS, baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 20));
}
