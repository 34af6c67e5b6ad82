import { randomFillSync, randomUUID } from 'node:crypto';
import { RequestContext } from './request-context';
import { isTracingActive } from './tracing/sdk';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// W3C Trace Context §3.2: version-traceid-parentid-flags, all lower-case hex, all-zero ids invalid.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export const REQUEST_ID_HEADER = 'x-request-id';
export const TRACEPARENT_HEADER = 'traceparent';

export function acceptRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}

export interface ParsedTraceparent {
  traceId: string;
  parentId: string;
  flags: string;
}

export function parseTraceparent(value: unknown): ParsedTraceparent | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TRACEPARENT.exec(value.trim());
  if (!m || m[1] === 'ff') return undefined;
  if (/^0+$/.test(m[2]) || /^0+$/.test(m[3])) return undefined;
  return { traceId: m[2], parentId: m[3], flags: m[4] };
}

// A randomBytes() call per id was 4 % of the edge's busy time under load: ids are cut from a pool
// refilled in one call, as randomUUID() does for its own.
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;
const ALL_ZERO = /^0+$/;

/** Random lower-case hex of `bytes` bytes, never all zero (an invalid trace or span id). */
export function randomHexId(bytes: number): string {
  for (;;) {
    if (poolOffset + bytes > POOL.length) {
      randomFillSync(POOL);
      poolOffset = 0;
    }
    const id = POOL.toString('hex', poolOffset, poolOffset + bytes);
    poolOffset += bytes;
    if (!ALL_ZERO.test(id)) return id;
  }
}

/** Continues the caller's trace when it sent a valid traceparent, else starts one. */
export function contextFromHeaders(requestId: string, traceparent: unknown): RequestContext {
  const parent = parseTraceparent(traceparent);
  return {
    requestId,
    traceId: parent?.traceId ?? randomHexId(16),
    spanId: randomHexId(8),
    traceFlags: parent?.flags ?? '01',
  };
}

export function formatTraceparent(ctx: RequestContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-${ctx.traceFlags}`;
}

/** Headers that carry the current context to the next layer. */
export function propagationHeaders(ctx: RequestContext | undefined): Record<string, string> {
  if (!ctx) return {};
  // With the SDK on, fetch() is instrumented and injects the client span's traceparent itself.
  if (isTracingActive()) return { [REQUEST_ID_HEADER]: ctx.requestId };
  return { [REQUEST_ID_HEADER]: ctx.requestId, [TRACEPARENT_HEADER]: formatTraceparent(ctx) };
}
