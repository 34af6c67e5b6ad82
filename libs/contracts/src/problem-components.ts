import { ErrorCode, PROBLEM_CONTENT_TYPE, PROBLEM_LIMITS as L, problemMeta, problemType } from '@weft/problem';
import { Json, Response } from './openapi-types';

export const PROBLEM_SCHEMA = 'Problem';
export const VALIDATION_PROBLEM_SCHEMA = 'ValidationProblem';
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** RFC 9457 problem details as every Weft app sends them (libs/problem/src/to-problem.ts). */
export function problemSchemas(): Record<string, Json> {
  return {
    [PROBLEM_SCHEMA]: {
      type: 'object',
      description: 'RFC 9457 problem details. Extension members (RFC 9457 §3.2) may be added; the ones Weft sends are listed.',
      required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'correlationId'],
      properties: {
        type: { type: 'string', format: 'uri', maxLength: 256, description: 'Identifies the problem type; stable per code.' },
        title: { type: 'string', maxLength: 256, description: 'Short, human-readable summary of the problem type.' },
        status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
        detail: { type: 'string', maxLength: L.text, description: 'What went wrong with this request, for the person debugging it.' },
        instance: {
          type: 'string',
          format: 'uri-reference',
          maxLength: L.instance,
          description: 'The path the problem occurred at (the query is not repeated: it may hold personal data).',
        },
        code: { type: 'string', enum: Object.values(ErrorCode), description: 'Stable, machine-readable error code.' },
        correlationId: {
          type: 'string',
          maxLength: L.correlationId,
          description: 'Also sent as X-Request-Id; quote it when reporting a problem.',
        },
        requiredScopes: {
          type: 'array',
          maxItems: L.scopes,
          items: { type: 'string', maxLength: L.scope, pattern: '^[a-z-]+:[a-z:]+$' },
          description: 'insufficient-scope: the scopes the operation requires.',
        },
        policy: {
          type: 'string',
          maxLength: L.policy,
          pattern: '^[a-z-]+$',
          description: 'rate-limited: the rate-limit policy whose quota is used up.',
        },
        retryAfter: {
          type: 'integer',
          format: 'int32',
          minimum: 0,
          maximum: L.retryAfterSeconds,
          description: 'rate-limited: seconds until a retry can succeed.',
        },
      },
      additionalProperties: true,
    },
    FieldError: {
      type: 'object',
      required: ['field', 'messages'],
      properties: {
        field: { type: 'string', maxLength: L.field, description: 'Dotted path of the invalid member, e.g. lines.0.quantity.' },
        messages: { type: 'array', maxItems: L.messagesPerField, items: { type: 'string', maxLength: L.message } },
      },
    },
    [VALIDATION_PROBLEM_SCHEMA]: {
      description: 'A problem with code `validation`: `errors` lists every invalid member of the request.',
      allOf: [
        ref(PROBLEM_SCHEMA),
        {
          type: 'object',
          required: ['errors'],
          properties: { errors: { type: 'array', maxItems: L.fieldErrors, items: ref('FieldError') } },
        },
      ],
    },
  };
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const EXAMPLE_CORRELATION_ID = '3f1c9a52-7d4e-4b8a-9c61-0e2f5a7b8d90';

const DETAILS: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION]: 'Invalid fields: lines.0.quantity.',
  [ErrorCode.MALFORMED_REQUEST]: 'The request body is not valid JSON.',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'The request body exceeds the size limit.',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'Send the body as application/json.',
  [ErrorCode.UNAUTHENTICATED]: 'Send an access token: Authorization: Bearer <token>.',
  [ErrorCode.INVALID_TOKEN]: 'The access token has expired.',
  [ErrorCode.INVALID_SIGNATURE]: 'X-Shopify-Hmac-Sha256 does not match the body.',
  [ErrorCode.FORBIDDEN]: 'This caller may not perform this operation.',
  [ErrorCode.INSUFFICIENT_SCOPE]: 'This operation requires the scope orders:write.',
  [ErrorCode.NOT_FOUND]: 'No order 6f0e3c1a-2b4d-4e8f-9a7b-1c2d3e4f5a6b',
  [ErrorCode.ROUTE_NOT_FOUND]: 'No route matches this method and path.',
  [ErrorCode.METHOD_NOT_ALLOWED]: 'Method not allowed',
  [ErrorCode.CONFLICT]: 'The resource changed state; read it and try again.',
  [ErrorCode.OUT_OF_STOCK]: 'SKU2006-001: 1 requested, 0 available.',
  [ErrorCode.IDEMPOTENCY_KEY_MISSING]: 'This operation requires an Idempotency-Key header, e.g. Idempotency-Key: "<uuid>".',
  [ErrorCode.IDEMPOTENCY_KEY_INVALID]: 'Idempotency-Key must not be empty.',
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 'This Idempotency-Key was already used for a different request; use a new key.',
  [ErrorCode.IDEMPOTENCY_IN_FLIGHT]: 'The first request with this Idempotency-Key is still being processed; retry later.',
  [ErrorCode.BUSINESS_RULE]: 'unitPriceMinor 7999 of SKU2006-001 does not match the list price 8999.',
  [ErrorCode.TAX_NOT_MAPPED]: 'No ERP tax code for VAT@0.19: add them to ERP_TAX_CODES',
  [ErrorCode.RATE_LIMITED]: 'The writes limit of 120 requests per 60 s is used up; retry in 17 s.',
  [ErrorCode.DOWNSTREAM_UNAVAILABLE]: 'process-api is unavailable; retry later.',
  [ErrorCode.DOWNSTREAM_TIMEOUT]: 'process-api did not answer within 5000 ms.',
  [ErrorCode.DOWNSTREAM_REJECTED]: 'process-api rejected the request.',
  [ErrorCode.INTERNAL]: 'The request could not be completed.',
};

const EXTENSIONS: Partial<Record<ErrorCode, Json>> = {
  [ErrorCode.VALIDATION]: { errors: [{ field: 'lines.0.quantity', messages: ['quantity must not be less than 1'] }] },
  [ErrorCode.INSUFFICIENT_SCOPE]: { requiredScopes: ['orders:write'] },
  [ErrorCode.RATE_LIMITED]: { policy: 'writes', retryAfter: 17 },
};

/** A problem body exactly as toProblem() builds it for this code. */
export function problemExample(code: ErrorCode, instance: string): Json {
  const meta = problemMeta(code);
  return {
    type: problemType(code),
    title: meta.title,
    status: meta.status,
    detail: DETAILS[code],
    instance,
    code,
    correlationId: EXAMPLE_CORRELATION_ID,
    ...EXTENSIONS[code],
  };
}

const EXAMPLE_INSTANCE = '/v1/orders/6f0e3c1a-2b4d-4e8f-9a7b-1c2d3e4f5a6b';

/** components.examples: one problem body per error code, referenced by every error response that can carry it. */
export function problemExamples(): Record<string, Json> {
  return Object.fromEntries(
    Object.values(ErrorCode).map((c) => [`problem-${c}`, { summary: problemMeta(c).title, value: problemExample(c, EXAMPLE_INSTANCE) }]),
  );
}

/** One error response: application/problem+json, one named example per code that leads to it. */
export function problemResponse(status: number, codes: ErrorCode[], headers: Record<string, Json>): Response {
  const validation = codes.includes(ErrorCode.VALIDATION);
  const schema =
    validation && codes.length > 1
      ? { anyOf: [ref(VALIDATION_PROBLEM_SCHEMA), ref(PROBLEM_SCHEMA)] }
      : ref(validation ? VALIDATION_PROBLEM_SCHEMA : PROBLEM_SCHEMA);
  const titles = codes.map((c) => `\`${c}\` (${problemMeta(c).title})`).join(', ');
  return {
    description: `${STATUS_TEXT[status] ?? 'Error'}: ${titles}.`,
    headers,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema,
        examples: Object.fromEntries(codes.map((c) => [c, { $ref: `#/components/examples/problem-${c}` }])),
      },
    },
  };
}
