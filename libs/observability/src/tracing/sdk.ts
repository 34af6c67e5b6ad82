/**
 * Starts the OpenTelemetry Node SDK when an OTLP endpoint is configured, else nothing (no SDK is
 * loaded then). Must run before fastify, http, pg and ioredis are first required: each app's main.ts
 * imports its `tracing.ts` first. Exporter, protocol (grpc, http/protobuf, http/json), sampler and
 * resource come from the standard OTEL_* variables, read by the SDK itself.
 */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

let started: TracingHandle | undefined;

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): TracingHandle | undefined {
  if (started || !tracingEnabled(env)) return started;
  // Weft's metrics are scraped at /metrics and its logs are JSON lines: OTLP carries the traces only,
  // unless the operator asks for more.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { FastifyInstrumentation } =
    require('@opentelemetry/instrumentation-fastify') as typeof import('@opentelemetry/instrumentation-fastify');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME wins when set; otherwise the app's own name.
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: service }),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(metrics|health\/)/.test(req.url ?? '') }),
      // fetch(): the calls from one layer to the next (LayerClient) get a client span and a traceparent.
      new UndiciInstrumentation(),
      new FastifyInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
    ],
  });
  sdk.start();
  markTracingActive();
  started = { shutdown: () => sdk.shutdown() };
  return started;
}

let active = false;

function markTracingActive(): void {
  active = true;
}

/** true once the SDK runs: spans are recorded and fetch() injects traceparent itself. */
export function isTracingActive(): boolean {
  return active;
}
