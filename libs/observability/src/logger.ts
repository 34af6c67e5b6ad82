import pino, { DestinationStream, Logger } from 'pino';
import { redactLine, redactQuery } from './redaction';
import { requestContext } from './request-context';

/**
 * JSON logs; every line carries the request id and trace id of the work it belongs to.
 * `destination` defaults to stdout; tests pass a stream to read the lines back. Personal data and
 * credentials are redacted from every line (redaction.ts).
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const ctx = requestContext.current();
      return ctx ? { requestId: ctx.requestId, traceId: ctx.traceId, spanId: ctx.spanId } : {};
    },
    serializers: { req: serializeRequest },
  };
  // Every line passes redactLine on its way out: no serializer or call site can let personal data through.
  const out = destination ?? process.stdout;
  return pino(options, { write: (line: string) => void out.write(redactLine(line)) });
}

/** What a request line says: method, path with query values redacted, request id. No headers, no client address. */
function serializeRequest(req: { method?: string; url?: string; id?: unknown }): Record<string, unknown> {
  return { method: req.method, url: typeof req.url === 'string' ? redactQuery(req.url) : undefined, id: req.id };
}
