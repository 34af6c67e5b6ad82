import { createServer, Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WeftConfig } from '@weft/config';
import { WeftMetrics } from '@weft/observability';
import { ErrorCode, problemMeta, problemType } from '@weft/problem';

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const UNAUTHORIZED = {
  type: problemType(ErrorCode.UNAUTHENTICATED),
  title: problemMeta(ErrorCode.UNAUTHENTICATED).title,
  status: 401,
  detail: 'GET /metrics needs the metrics bearer token.',
  code: ErrorCode.UNAUTHENTICATED,
};

/** Records http.server.request.duration for every request, labelled by route template, never the raw URL. */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: WeftMetrics): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url;
    if (route !== '/metrics') {
      metrics.httpServerDuration.observe(
        {
          http_request_method: request.method,
          // Unmatched URLs are one series, so a scanner cannot create unbounded label values.
          http_route: route ?? '_unmatched',
          http_response_status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
}

/**
 * GET /metrics in Prometheus text format: on the API port (outside channel auth, closed by
 * METRICS_TOKEN when set), or only on METRICS_PORT when that is set. Returns the extra server, if any.
 */
export async function registerMetricsEndpoint(
  fastify: FastifyInstance,
  metrics: WeftMetrics,
  config: WeftConfig,
): Promise<Server | undefined> {
  if (config.METRICS_PORT === undefined) {
    fastify.get('/metrics', async (request, reply) => {
      if (config.METRICS_TOKEN && !bearerMatches(request.headers.authorization, config.METRICS_TOKEN)) {
        return reply.status(401).type('application/problem+json').header('www-authenticate', 'Bearer').send(UNAUTHORIZED);
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
    return undefined;
  }
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
      } else if (config.METRICS_TOKEN && !bearerMatches(req.headers.authorization, config.METRICS_TOKEN)) {
        res.writeHead(401, { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' }).end(JSON.stringify(UNAUTHORIZED));
      } else {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
      }
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.METRICS_PORT, config.HOST, () => resolve());
  });
  server.unref();
  return server;
}
