import { ErrorCode } from './error-code';

export interface FieldError {
  field: string;
  messages: string[];
}

export interface DomainErrorOptions {
  /** Extension members added to the problem body (RFC 9457 §3.2), e.g. `errors`, `sku`, `rule`. */
  extensions?: Record<string, unknown>;
  /** Response headers that belong to this failure (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** A failure with a stable code. The transport edge maps the code to status and title. */
export class DomainError extends Error {
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
