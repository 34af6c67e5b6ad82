import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, isDomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { ProblemDetails } from './problem-details';
import { problemMeta, problemType } from './problem-mapping';
import { clip, PROBLEM_LIMITS } from './problem-limits';

export interface ProblemResponse {
  status: number;
  body: ProblemDetails;
  headers: Record<string, string>;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.MALFORMED_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  422: ErrorCode.BUSINESS_RULE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.DOWNSTREAM_UNAVAILABLE,
};

const FASTIFY_CODES: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ErrorCode.PAYLOAD_TOO_LARGE, detail: 'The request body exceeds the size limit.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail: 'Send the body as application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ErrorCode.MALFORMED_REQUEST, detail: 'The JSON body is empty.' },
};

/** Fastify's own errors (parsing, size) arrive as plain errors with a statusCode and an FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

function fromHttpException(e: HttpException): DomainError {
  const status = e.getStatus();
  if (e instanceof ThrottlerException) return new DomainError(ErrorCode.RATE_LIMITED, 'Rate limit exceeded; retry later.');
  const code = STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST);
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(e.message)) {
    return new DomainError(ErrorCode.ROUTE_NOT_FOUND, 'No route matches this method and path.');
  }
  return new DomainError(code, status >= 500 ? 'The request could not be completed.' : e.message);
}

function fromFastifyError(e: FastifyLikeError): DomainError | undefined {
  const status = e.statusCode;
  if (!status || status >= 500) return undefined;
  const known = e.code ? FASTIFY_CODES[e.code] : undefined;
  if (known) return new DomainError(known.code, known.detail);
  const code = STATUS_CODES[status] ?? ErrorCode.MALFORMED_REQUEST;
  const detail = status === 400 ? 'The request body is not valid JSON.' : problemMeta(code).title;
  return new DomainError(code, detail);
}

/**
 * One mapping from any thrown value to a problem response; no internal message survives a 5xx. `instance`
 * is the request path without its query: query values can be personal data (`?email=`) and are not echoed.
 */
export function toProblem(error: unknown, url: string, correlationId: string): ProblemResponse {
  const instance = clip(url.split('?')[0], PROBLEM_LIMITS.instance);
  let domain: DomainError;
  if (isDomainError(error)) domain = error;
  else if (error instanceof HttpException) domain = fromHttpException(error);
  else domain = fromFastifyError(error as FastifyLikeError) ?? new DomainError(ErrorCode.INTERNAL, 'The request could not be completed.');

  const meta = problemMeta(domain.code);
  const detail = meta.status >= 500 && domain.code === ErrorCode.INTERNAL ? 'The request could not be completed.' : domain.detail;
  const body: ProblemDetails = {
    type: problemType(domain.code),
    title: meta.title,
    status: meta.status,
    detail: clip(detail, PROBLEM_LIMITS.text),
    instance,
    code: domain.code,
    correlationId,
    ...domain.extensions,
  };
  const headers = { ...domain.headers };
  if (meta.status === 401 && !headers['WWW-Authenticate']) headers['WWW-Authenticate'] = 'Bearer';
  return { status: meta.status, body, headers };
}
