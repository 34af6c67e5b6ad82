/** Typed ERP failures: the workflow decides retry, exception state or compensation from the code. */
export enum ErpErrorCode {
  VALIDATION = 'erp-validation',
  NOT_FOUND = 'erp-not-found',
  CONCURRENCY = 'erp-concurrency',
  UNAVAILABLE = 'erp-unavailable',
  OUT_OF_STOCK = 'erp-out-of-stock',
  INVALID_STATE = 'erp-invalid-state',
}

export class ErpError extends Error {
  constructor(
    readonly code: ErpErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ErpError';
  }

  /** Worth retrying later: the ERP was busy or down, not the request wrong. */
  get transient(): boolean {
    return this.code === ErpErrorCode.UNAVAILABLE || this.code === ErpErrorCode.CONCURRENCY;
  }
}
