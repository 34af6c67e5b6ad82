import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WeftConfig } from '@weft/config';
import {
  acceptRequestId,
  WeftMetrics,
  requestContextFor,
  createLogger,
  newRequestId,
  REQUEST_ID_HEADER,
  requestContext,
} from '@weft/observability';
import { createValidationPipe, ProblemFilter } from '@weft/problem';
import { registerDocsRoutes } from './docs/docs.routes';
import { MetricsModule } from './metrics.module';
import { registerHttpMetrics, registerMetricsEndpoint } from './metrics.routes';
import { registerJsonParser } from './json/json-body.parser';
import { PinoNestLogger } from './pino-nest.logger';

export interface WeftAppOptions {
  service: string;
  config: WeftConfig;
  /** Called on the Fastify instance before Nest registers routes (raw-body parsers, docs). */
  configureFastify?: (app: NestFastifyApplication) => void | Promise<void>;
  /** Fastify trustProxy: whose X-Forwarded-For names the client address (the edge, behind a load balancer). */
  trustProxy?: boolean | number | string;
  /** Routes whose JSON body stays the raw string (experience-api's signed webhooks). */
  rawBodyPaths?: readonly string[];
}

/** Builds one app the same way in production and in tests: Fastify, problem+json, correlation, /v1, /docs. */
export async function createWeftApp(module: unknown, options: WeftAppOptions): Promise<NestFastifyApplication> {
  const { config, service } = options;
  const pino = createLogger(service, config.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    loggerInstance: pino,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      acceptRequestId(req.headers[REQUEST_ID_HEADER]) ?? newRequestId(),
    trustProxy: options.trustProxy ?? false,
  });
  const metrics = new WeftMetrics(service);
  // The app's module plus its metrics registry, injectable everywhere as WeftMetrics.
  const root = { module: class WeftAppRoot {}, imports: [MetricsModule.forApp(metrics), module as never] };
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new PinoNestLogger(pino),
    bufferLogs: false,
    // Weft's own depth-bounded JSON parser (registered below) replaces Nest's.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: without this, Fastify's built-in text/plain parser hands a string to the
  // validation pipe (a 400) where the client deserves 415. configureFastify may add parsers back.
  fastify.removeContentTypeParser('text/plain');
  registerJsonParser(fastify, { bodyLimit: config.BODY_LIMIT_BYTES, rawBodyPaths: options.rawBodyPaths });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    requestContext.enter(requestContextFor(String(request.id), request.headers.traceparent));
    void reply.header('X-Request-Id', String(request.id));
    done();
  });
  // Draining: Fastify answers new requests 503 while closing, but a response to a request that was in
  // flight leaves its keep-alive socket open, and server.close() then waits for Fastify's keepAliveTimeout
  // (72 s): the erp-governance hang. During shutdown every response closes its connection.
  let closing = false;
  fastify.addHook('preClose', (done: () => void) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (e: null, p: unknown) => void) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  // CORS only for the configured origins (default none: no header, preflights are 404s like any unknown route).
  if (config.corsAllowedOrigins.length > 0) {
    app.enableCors({
      origin: config.corsAllowedOrigins,
      credentials: false,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'traceparent'],
      exposedHeaders: [
        'X-Request-Id',
        'RateLimit',
        'RateLimit-Policy',
        'Retry-After',
        'Location',
        'Idempotent-Replayed',
        'Deprecation',
        'Sunset',
        'Link',
      ],
      maxAge: 600,
    });
  }
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(createValidationPipe());
  // /docs, /docs/contracts and /openapi.json serve the committed contract: public, unthrottled, not in it.
  registerDocsRoutes(fastify, { service, openapiDir: config.OPENAPI_DIR });
  registerHttpMetrics(fastify, metrics);
  const metricsServer = await registerMetricsEndpoint(fastify, metrics, config);
  if (metricsServer) fastify.addHook('onClose', (_i, done) => void metricsServer.close(() => done()));
  await options.configureFastify?.(app);
  return app;
}

export async function listen(app: NestFastifyApplication, port: number, host: string): Promise<string> {
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return `http://${host}:${actual}`;
}
