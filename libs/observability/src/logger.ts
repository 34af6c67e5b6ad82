import pino, { DestinationStream, Logger } from 'pino';
import { requestContext } from './request-context';

/**
 * JSON logs; every line carries the request id and trace id of the work it belongs to.
 * `destination` defaults to stdout; tests pass a stream to read the lines back.
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
    redact: { paths: ['req.headers.authorization', 'req.headers["x-shopify-hmac-sha256"]'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
