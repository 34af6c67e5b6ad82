import { ErpError, ErpErrorCode } from '../erp.errors';
import { TrytonValue } from './tryton.codec';

const NOT_FOUND = /does not exist|don't exist|do not exist|no longer exist|not exist anymore|has been deleted|have been deleted/i;
const CONCURRENCY = /concurren|database is locked|could not serialize|deadlock|has been modified|lock(ed)? /i;

/**
 * A JSON-RPC error (HTTP 200 with "error": [name, args]) as a typed ErpError. UserError args are
 * [message, description, domain]; UserWarning args are [warning name, message, description]; programming
 * errors come back as [python exception text, ""], which are not transient, so VALIDATION too.
 */
export function mapTrytonError(error: TrytonValue, method: string): ErpError {
  const [name, args] = Array.isArray(error) ? error : [String(error), null];
  const kind = typeof name === 'string' ? name : 'Error';
  const parts = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [];
  const message = (kind === 'UserWarning' ? (parts[1] ?? parts[0]) : parts[0]) ?? kind;
  const description = kind === 'UserWarning' ? parts[2] : parts[1];
  const text = [message, description].filter((s) => s).join(' — ');
  const details = { tryton: kind, method, description: description || undefined, warning: kind === 'UserWarning' ? parts[0] : undefined };
  if (kind === 'ConcurrencyException' || CONCURRENCY.test(text)) return new ErpError(ErpErrorCode.CONCURRENCY, `Tryton: ${text}`, details);
  if (kind === 'TimeoutException' || kind === 'RateLimitException' || kind === 'DatabaseOperationalError') {
    return new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton: ${text}`, details);
  }
  if (NOT_FOUND.test(text)) return new ErpError(ErpErrorCode.NOT_FOUND, `Tryton: ${text}`, details);
  if (kind === 'UserError' || kind === 'UserWarning' || kind === 'AccessError')
    return new ErpError(ErpErrorCode.VALIDATION, `Tryton: ${text}`, details);
  return new ErpError(ErpErrorCode.VALIDATION, `Tryton server error in ${method}: ${text}`, details);
}

export function httpError(status: number, method: string, body: string): ErpError {
  const snippet = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton answered HTTP ${status} to ${method}${snippet ? `: ${snippet}` : ''}`, {
    status,
    method,
  });
}

export function networkError(e: unknown, url: string, method: string): ErpError {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
  return new ErpError(ErpErrorCode.UNAVAILABLE, `Tryton unreachable at ${url} (${method}): ${cause}`, { method, cause });
}
