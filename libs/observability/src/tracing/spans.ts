import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromHeaders, formatTraceparent, newRequestId, parseTraceparent, randomHexId } from '../correlation';
import { RequestContext, requestContext } from '../request-context';
import { isTracingActive } from './sdk';

export { SpanKind };

const tracer = () => trace.getTracer('weft');

/** The W3C traceparent of the work in progress: the active span when tracing, else the request context. */
export function currentTraceparent(): string | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && trace.isSpanContextValid(span)) return `00-${span.traceId}-${span.spanId}-0${span.traceFlags.toString(16)}`;
  const ctx = requestContext.current();
  return ctx ? formatTraceparent(ctx) : undefined;
}

/** The trace id a traceparent carries (for search and timelines). */
export function traceIdOf(traceparent: string | null | undefined): string | undefined {
  return parseTraceparent(traceparent)?.traceId;
}

function contextOfSpan(span: Span, requestId: string): RequestContext {
  const sc = span.spanContext();
  return { requestId, traceId: sc.traceId, spanId: sc.spanId, traceFlags: `0${sc.traceFlags.toString(16)}`.slice(-2) };
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Record<string, string | number | boolean>;
  /** Continue this trace (an event's or an order's traceparent) instead of the active one. */
  traceparent?: string | null;
  requestId?: string;
}

/**
 * Runs work in a span. With tracing on, the span is recorded and the log context carries its ids; with
 * tracing off nothing is recorded, but the log context still continues `traceparent`'s trace id, so log
 * lines of one order share one trace id either way.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  const requestId = options.requestId ?? requestContext.current()?.requestId ?? newRequestId();
  if (!isTracingActive()) {
    if (!options.traceparent) return work();
    const parent = parseTraceparent(options.traceparent);
    const rc = parent
      ? { requestId, traceId: parent.traceId, spanId: randomHexId(8), traceFlags: parent.flags }
      : contextFromHeaders(requestId, undefined);
    return requestContext.run(rc, work);
  }
  const parent = options.traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent: options.traceparent }) : context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => requestContext.run(contextOfSpan(span, requestId), work));
  } catch (e) {
    span.recordException(e as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    throw e;
  } finally {
    span.end();
  }
}

/** The request context of an incoming request: the server span's ids when tracing, else the caller's traceparent. */
export function requestContextFor(requestId: string, traceparent: unknown): RequestContext {
  const span = isTracingActive() ? trace.getActiveSpan() : undefined;
  if (span && trace.isSpanContextValid(span.spanContext())) return contextOfSpan(span, requestId);
  return contextFromHeaders(requestId, traceparent);
}
