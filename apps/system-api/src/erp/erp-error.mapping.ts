import { DomainError, ErrorCode } from '@weft/problem';
import { ErpError, ErpErrorCode } from './erp.errors';

function codeFor(code: ErpErrorCode): ErrorCode {
  switch (code) {
    case ErpErrorCode.VALIDATION:
      return ErrorCode.BUSINESS_RULE;
    case ErpErrorCode.NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case ErpErrorCode.CONCURRENCY:
      return ErrorCode.CONFLICT;
    case ErpErrorCode.UNAVAILABLE:
      return ErrorCode.DOWNSTREAM_UNAVAILABLE;
    case ErpErrorCode.OUT_OF_STOCK:
      return ErrorCode.OUT_OF_STOCK;
    case ErpErrorCode.INVALID_STATE:
      return ErrorCode.CONFLICT;
  }
}

/** ERP failures leave system-api as problems with the ERP's code kept as `erpCode`. */
export function toDomainError(e: unknown): unknown {
  if (!(e instanceof ErpError)) return e;
  const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
  return new DomainError(codeFor(e.code), e.message, { extensions: { erpCode: e.code, ...details }, cause: e });
}
