import { Deprecation } from '@weft/gateway';
import { ErrorCode } from '@weft/problem';
import { isJson, Json, Operation } from './openapi-types';
import { problemResponse, STATUS_TEXT } from './problem-components';
import { responseHeaders } from './response-headers';
import { RouteMetadata } from './route-metadata';
import { BEARER_SCHEME, OAUTH2_SCHEME } from './security-schemes';

export interface RateLimit {
  name: string;
  quota: number;
  windowSeconds: number;
}

/** Everything decorateOperation needs beyond what @nestjs/swagger generated. */
export interface OperationContext {
  path: string;
  method: string;
  route: RouteMetadata;
  rateLimit?: RateLimit;
  idempotencyTtlSeconds?: number;
  deprecation?: Deprecation;
  downstream: boolean;
  examples: Record<string, Json>;
}

const schemaName = (schema: unknown): string | undefined => {
  const s = schema as { $ref?: string; items?: { $ref?: string } } | undefined;
  const ref = s?.$ref ?? s?.items?.$ref;
  return ref?.split('/').pop();
};

function exampleFor(schema: unknown, examples: Record<string, Json>): unknown {
  const name = schemaName(schema);
  if (!name || !examples[name]) return undefined;
  return (schema as { items?: unknown }).items ? [examples[name]] : examples[name];
}

function humanize(handler: string): string {
  const words = handler.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The handler's doc comment (CLI plugin, introspectComments) or, failing that, a name reviewers will notice. */
function summaryOf(op: Operation, ctx: OperationContext): string {
  if (op.summary) return op.summary;
  const name = humanize(ctx.route.handler);
  return name.includes(' ') ? name : `${name} (${ctx.method.toUpperCase()} ${ctx.path})`;
}

function idempotencyParameter(required: boolean, ttlSeconds: number): Json {
  const hours = ttlSeconds % 3600 === 0 ? `${ttlSeconds / 3600} h` : `${ttlSeconds} s`;
  return {
    name: 'Idempotency-Key',
    in: 'header',
    required,
    description:
      `draft-ietf-httpapi-idempotency-key-header: a unique key per operation (a Structured Field string, e.g. a quoted UUID; at most 255 characters). ` +
      `${required ? 'Required: a request without it is a 400.' : 'Optional: without it, a retry may be applied again.'} ` +
      `Retention: the outcome of the first request with a key is kept for ${hours} (${ttlSeconds} s) and replayed, with Idempotent-Replayed: true, ` +
      `to a retry with the same key and payload. The same key with a different payload is a 422; while the first request is still running, a 409. ` +
      `5xx, 409 and 429 outcomes and validation failures are not kept: retry them with the same key. Keys are scoped to the token subject.`,
    schema: { type: 'string', minLength: 1, maxLength: 257 },
    example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
  };
}

/** A list answer's array gets the route's @ListLimit as maxItems; a list route without one is a generation error. */
function boundList(media: Json, route: RouteMetadata): Json {
  if (route.listLimit === undefined)
    throw new Error(`${route.controller}.${route.handler} answers a list without @ListLimit(n): the contract needs its maxItems`);
  return { ...media, schema: { ...(media.schema as Json), maxItems: route.listLimit } };
}

/** Which error codes an operation can answer with, grouped by status, from the policies that apply to it. */
export function errorCodes(op: Operation, ctx: OperationContext): Map<number, ErrorCode[]> {
  const { route } = ctx;
  const codes = new Map<number, ErrorCode[]>();
  const add = (status: number, ...c: ErrorCode[]): void => void codes.set(status, [...(codes.get(status) ?? []), ...c]);
  const write = ctx.method !== 'get' && ctx.method !== 'head';
  const hasBody = op.requestBody !== undefined;
  const hasParams = (op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path');
  const idempotent = route.idempotency !== undefined && (ctx.method === 'post' || ctx.method === 'patch');

  if (hasBody || hasParams) add(400, ErrorCode.VALIDATION, ErrorCode.MALFORMED_REQUEST);
  if (idempotent) add(400, ...(route.idempotency!.required ? [ErrorCode.IDEMPOTENCY_KEY_MISSING] : []), ErrorCode.IDEMPOTENCY_KEY_INVALID);
  if (!route.isPublic) {
    add(401, ErrorCode.UNAUTHENTICATED, ErrorCode.INVALID_TOKEN);
    add(403, ErrorCode.INSUFFICIENT_SCOPE, ErrorCode.FORBIDDEN);
  } else if ((op.security ?? []).length > 0) {
    add(401, ErrorCode.INVALID_SIGNATURE);
  }
  if ((op.parameters ?? []).some((p) => p.in === 'path')) add(404, ErrorCode.NOT_FOUND);
  if (write && !route.isPublic) add(409, ErrorCode.CONFLICT);
  if (idempotent) add(409, ErrorCode.IDEMPOTENCY_IN_FLIGHT);
  if (hasBody) add(413, ErrorCode.PAYLOAD_TOO_LARGE);
  if (hasBody) add(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  if (write && !route.isPublic) add(422, ErrorCode.BUSINESS_RULE);
  if (idempotent) add(422, ErrorCode.IDEMPOTENCY_KEY_REUSED);
  if (ctx.rateLimit) add(429, ErrorCode.RATE_LIMITED);
  add(500, ErrorCode.INTERNAL);
  if (ctx.downstream && !route.isPublic) {
    add(502, ErrorCode.DOWNSTREAM_REJECTED);
    add(504, ErrorCode.DOWNSTREAM_TIMEOUT);
  }
  add(503, ErrorCode.DOWNSTREAM_UNAVAILABLE);
  return codes;
}

function deprecationNote(d: Deprecation): string {
  const sunset = d.sunsetAt ? `; it stops answering after ${d.sunsetAt.toISOString()} (Sunset)` : '';
  const successor = d.successor ? `; use ${d.successor} instead` : '';
  return `**Deprecated** since ${d.deprecatedAt.toISOString()}${sunset}${successor}.`;
}

/**
 * Rewrites one generated operation so it says what the gateway does: operationId, summary, security
 * from @Scopes/@Public, Idempotency-Key from @Idempotent, RateLimit headers from the throttling policy,
 * every problem+json error, examples and the deprecation lifecycle.
 */
export function decorateOperation(op: Operation, ctx: OperationContext): Operation {
  const { route } = ctx;
  const tag =
    op.tags?.[0] ??
    route.controller
      .replace(/Controller$/, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase();
  const out: Operation = { ...op, operationId: `${tag}.${route.handler}`, tags: [tag], summary: summaryOf(op, ctx) };
  const idempotent = route.idempotency !== undefined && (ctx.method === 'post' || ctx.method === 'patch');

  out.security = route.isPublic
    ? (op.security ?? []).filter((s) => !(BEARER_SCHEME in s))
    : [{ [BEARER_SCHEME]: route.scopes }, { [OAUTH2_SCHEME]: route.scopes }];
  const params = (op.parameters ?? []).map((p) => {
    if (p.in !== 'path') return p;
    const name = String(p.name);
    if (route.uuidParams.includes(name)) return { ...p, schema: { type: 'string', format: 'uuid', maxLength: 36 } };
    const bounds = route.patternParams[name];
    return bounds ? { ...p, schema: { type: 'string', ...bounds } } : p;
  });
  if (idempotent) params.push(idempotencyParameter(route.idempotency!.required, ctx.idempotencyTtlSeconds ?? 24 * 3600));
  out.parameters = params;
  if (idempotent) out['x-idempotency'] = { required: route.idempotency!.required, retentionSeconds: ctx.idempotencyTtlSeconds };
  if (ctx.rateLimit) out['x-rate-limit-policy'] = { ...ctx.rateLimit };

  const requestSchema = op.requestBody?.content?.['application/json']?.schema;
  const requestExample = exampleFor(requestSchema, ctx.examples);
  if (op.requestBody?.content?.['application/json'] && requestExample !== undefined) {
    out.requestBody = {
      ...op.requestBody,
      content: {
        ...op.requestBody.content,
        'application/json': { ...op.requestBody.content['application/json'], example: requestExample },
      },
    };
  }

  const headerCtx = { rateLimit: ctx.rateLimit, idempotent, deprecation: ctx.deprecation };
  const responses: Operation['responses'] = {};
  for (const [code, response] of Object.entries(op.responses)) {
    const status = Number(code);
    const listed = response.content?.['application/json'];
    const content = listed && isJson(listed.schema) && listed.schema.type === 'array' ? boundList(listed, route) : listed;
    const example = exampleFor(content?.schema, ctx.examples);
    responses[code] = {
      ...response,
      description: response.description || STATUS_TEXT[status] || 'Success',
      headers: { ...response.headers, ...responseHeaders({ ...headerCtx, status }) },
      ...(content && content !== listed ? { content: { ...response.content, 'application/json': content } } : {}),
      ...(content && example !== undefined ? { content: { ...response.content, 'application/json': { ...content, example } } } : {}),
    };
  }
  for (const [status, codes] of errorCodes(op, ctx)) {
    if (!responses[String(status)]) responses[String(status)] = problemResponse(status, codes, responseHeaders({ ...headerCtx, status }));
  }
  out.responses = responses;

  if (ctx.deprecation) {
    const d = ctx.deprecation;
    out.deprecated = true;
    out['x-deprecated-at'] = d.deprecatedAt.toISOString();
    if (d.sunsetAt) out['x-sunset'] = d.sunsetAt.toISOString();
    if (d.successor) out['x-successor'] = d.successor;
    out.description = [deprecationNote(d), op.description].filter(Boolean).join('\n\n');
  }
  return out;
}
