import { Deprecation, deprecationHeaders } from '@weft/gateway';
import { Json } from './openapi-types';

const header = (name: string): Json => ({ $ref: `#/components/headers/${name}` });

/** Response headers shared by operations, referenced from components.headers. */
export function headerComponents(): Record<string, Json> {
  return {
    'X-Request-Id': {
      description:
        "Correlation id of this request (the caller's X-Request-Id when valid, else generated); problems repeat it as correlationId.",
      schema: { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9._:-]{1,128}$' },
    },
    'Access-Control-Allow-Origin': {
      description:
        "CORS: sent only when the request's Origin is in the CORS_ALLOWED_ORIGINS allow-list (default: empty, so no browser origin is " +
        'allowed and the header is never sent). Never `*`; credentials are not allowed.',
      schema: { type: 'string', maxLength: 2048, pattern: '^https?://[^/?#*]+$' },
      example: 'https://shop.example.com',
    },
    RateLimit: {
      description:
        'draft-ietf-httpapi-ratelimit-headers: the current state of the policy as a Structured Field list item, `"<policy>";r=<remaining>;t=<seconds until reset>`.',
      schema: { type: 'string', maxLength: 128, pattern: '^"[a-z-]+";r=\\d+;t=\\d+$' },
      example: '"writes";r=119;t=60',
    },
    'Retry-After': {
      description: 'Seconds to wait before retrying (RFC 9110 §10.2.3).',
      schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 },
      example: 17,
    },
    'Idempotent-Replayed': {
      description: 'true when this response is the stored outcome of an earlier request with the same Idempotency-Key.',
      schema: { type: 'string', enum: ['true'] },
    },
    'WWW-Authenticate': {
      description: 'RFC 6750 challenge: why the access token was not accepted.',
      schema: { type: 'string', maxLength: 512 },
      example: 'Bearer error="invalid_token"',
    },
  };
}

export interface HeaderContext {
  status: number;
  rateLimit?: { name: string; quota: number; windowSeconds: number };
  idempotent: boolean;
  deprecation?: Deprecation;
}

/** The headers one response carries, given the policies that apply to its operation. */
export function responseHeaders(ctx: HeaderContext): Record<string, Json> {
  const { status } = ctx;
  const out: Record<string, Json> = {
    'X-Request-Id': header('X-Request-Id'),
    'Access-Control-Allow-Origin': header('Access-Control-Allow-Origin'),
  };
  if (ctx.rateLimit) {
    const { name, quota, windowSeconds } = ctx.rateLimit;
    out.RateLimit = header('RateLimit');
    out['RateLimit-Policy'] = {
      description: `draft-ietf-httpapi-ratelimit-headers: the \`${name}\` policy, ${quota} requests per ${windowSeconds} s per token subject (or client address when unauthenticated).`,
      schema: { type: 'string', maxLength: 128, pattern: '^"[a-z-]+";q=\\d+;w=\\d+$' },
      example: `"${name}";q=${quota};w=${windowSeconds}`,
    };
  }
  if (status === 429)
    out['Retry-After'] = {
      description: 'Seconds until the policy admits a request again.',
      required: true,
      schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86400 },
      example: 17,
    };
  if (status === 409 && ctx.idempotent) out['Retry-After'] = header('Retry-After');
  if (status === 401) out['WWW-Authenticate'] = header('WWW-Authenticate');
  if (status === 201)
    out.Location = {
      description: 'RFC 9110 §10.2.2: the URI of the created resource.',
      schema: { type: 'string', format: 'uri-reference', maxLength: 2048 },
      example: '/v1/orders/3f2b8c1e-7d4a-4e5b-9c6d-1a2b3c4d5e6f',
    };
  if (ctx.idempotent && status < 300) out['Idempotent-Replayed'] = header('Idempotent-Replayed');
  if (ctx.deprecation) {
    const values = deprecationHeaders(ctx.deprecation);
    out.Deprecation = {
      description: 'RFC 9745: this operation is deprecated since the given time.',
      schema: { type: 'string', maxLength: 64 },
      example: values.Deprecation,
    };
    if (values.Sunset)
      out.Sunset = {
        description: 'RFC 8594: the operation stops answering after this date.',
        schema: { type: 'string', maxLength: 64 },
        example: values.Sunset,
      };
    if (values.Link)
      out.Link = {
        description: 'The successor-version of this operation.',
        schema: { type: 'string', maxLength: 2048 },
        example: values.Link,
      };
  }
  return out;
}
