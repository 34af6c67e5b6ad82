import { ErrorCode } from './error-code';

export interface ProblemMeta {
  status: number;
  title: string;
}

/** Exhaustive: adding an ErrorCode without a mapping fails type-check and lint. */
export function problemMeta(code: ErrorCode): ProblemMeta {
  switch (code) {
    case ErrorCode.VALIDATION:
      return { status: 400, title: 'Request validation failed' };
    case ErrorCode.MALFORMED_REQUEST:
      return { status: 400, title: 'Malformed request' };
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return { status: 413, title: 'Payload too large' };
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return { status: 415, title: 'Unsupported media type' };
    case ErrorCode.UNAUTHENTICATED:
      return { status: 401, title: 'Authentication required' };
    case ErrorCode.INVALID_TOKEN:
      return { status: 401, title: 'Invalid access token' };
    case ErrorCode.INVALID_SIGNATURE:
      return { status: 401, title: 'Invalid webhook signature' };
    case ErrorCode.FORBIDDEN:
      return { status: 403, title: 'Forbidden' };
    case ErrorCode.INSUFFICIENT_SCOPE:
      return { status: 403, title: 'Insufficient scope' };
    case ErrorCode.NOT_FOUND:
      return { status: 404, title: 'Resource not found' };
    case ErrorCode.ROUTE_NOT_FOUND:
      return { status: 404, title: 'Route not found' };
    case ErrorCode.METHOD_NOT_ALLOWED:
      return { status: 405, title: 'Method not allowed' };
    case ErrorCode.CONFLICT:
      return { status: 409, title: 'Conflict' };
    case ErrorCode.OUT_OF_STOCK:
      return { status: 409, title: 'Out of stock' };
    case ErrorCode.IDEMPOTENCY_KEY_MISSING:
      return { status: 400, title: 'Idempotency-Key header required' };
    case ErrorCode.IDEMPOTENCY_KEY_INVALID:
      return { status: 400, title: 'Invalid Idempotency-Key header' };
    case ErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 422, title: 'Idempotency-Key reused with a different request' };
    case ErrorCode.IDEMPOTENCY_IN_FLIGHT:
      return { status: 409, title: 'A request with this Idempotency-Key is still being processed' };
    case ErrorCode.BUSINESS_RULE:
      return { status: 422, title: 'Business rule violated' };
    case ErrorCode.TAX_NOT_MAPPED:
      return { status: 422, title: 'Tax not mapped to an ERP tax code' };
    case ErrorCode.RATE_LIMITED:
      return { status: 429, title: 'Too many requests' };
    case ErrorCode.DOWNSTREAM_UNAVAILABLE:
      return { status: 503, title: 'A system behind the gateway is unavailable' };
    case ErrorCode.DOWNSTREAM_TIMEOUT:
      return { status: 504, title: 'A system behind the gateway timed out' };
    case ErrorCode.DOWNSTREAM_REJECTED:
      return { status: 502, title: 'A system behind the gateway rejected the request' };
    case ErrorCode.INTERNAL:
      return { status: 500, title: 'Internal server error' };
  }
}

export const PROBLEM_TYPE_BASE = 'https://weft.dev/problems/';

export function problemType(code: ErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}
