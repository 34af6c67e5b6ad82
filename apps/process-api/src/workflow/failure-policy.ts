import { ErrorCode, isDomainError } from '@weft/problem';

/** Whether a step failure is worth retrying, or says the order itself cannot proceed. */
export function isPermanent(e: unknown): boolean {
  if (!isDomainError(e)) return false;
  switch (e.code) {
    case ErrorCode.BUSINESS_RULE:
    case ErrorCode.VALIDATION:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.MALFORMED_REQUEST:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.INSUFFICIENT_SCOPE:
      return true;
    default:
      return false;
  }
}

export function describeFailure(e: unknown): string {
  if (isDomainError(e)) return `${e.code}: ${e.detail}`;
  return e instanceof Error ? e.message : String(e);
}
