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
  const outage = isDomainError(e) ? TRANSIENT_CODES.has(e.code) : isConnectionLoss(e);
  if (!outage) return false;
  const born = Date.parse(since);
  return !Number.isFinite(born) || now - born < budgetMs;
}

/** Doubling from `baseMs`, capped at 60 s. */
export function outageDelayMs(baseMs: number, attempt: number): number {
  return Math.min(TRANSIENT_MAX_DELAY_MS, baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 20));
}

/** Socket-level failures: the peer (most often the app's own database) is restarting or unreachable. */
const CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The consumer's own database went away under the handler (a PostgreSQL restart or failover): SQLSTATE class
 * 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now), a refused or reset socket, or the pg
 * driver's "Connection terminated". TypeORM keeps the driver's error as `driverError`.
 */
export function isConnectionLoss(e: unknown): boolean {
  for (
    let err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0;
    err && depth < 4;
    depth++
  ) {
    const code = typeof err.code === 'string' ? err.code : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true;
    if (
      typeof err.message === 'string' &&
      /Connection terminated|connection timeout|Client has encountered a connection error/i.test(err.message)
    )
      return true;
    err = (err.driverError ?? err.cause) as typeof err;
  }
  return false;
}
