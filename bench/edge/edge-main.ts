import 'reflect-metadata';
import type { FastifyRequest } from 'fastify';
import { loadConfig } from '@weft/config';
import { Principal, RequestWithPrincipal } from '@weft/gateway';
import { createWeftApp, listen } from '@weft/platform';
import { ExperienceConfig } from '../../apps/experience-api/src/experience.config';
import { RAW_BODY_PATHS } from '../../apps/experience-api/src/webhooks/raw-body-paths';
import { BenchEdgeModule } from './edge.module';

/** Without GatewayModule nobody verifies a token; the handler still needs the caller, so it is fixed. */
const BENCH_PRINCIPAL: Principal = {
  sub: 'bench-client',
  // The same scopes as the token the gateway run verifies: without orders:read:all every read is someone else's order (404).
  scopes: new Set(['orders:read', 'orders:read:all', 'orders:write']),
  claims: { sub: 'bench-client' },
};

/** Built exactly as createExperienceApi builds experience-api (createWeftApp, raw-body JSON parser), on BenchEdgeModule. */
export async function runEdge(gateway: boolean): Promise<void> {
  const config = loadConfig(ExperienceConfig, process.env);
  const app = await createWeftApp(BenchEdgeModule.register(config, gateway), {
    service: gateway ? 'bench-edge-gateway' : 'bench-edge-bare',
    config,
    rawBodyPaths: RAW_BODY_PATHS,
    configureFastify: (a) => {
      const fastify = a.getHttpAdapter().getInstance();
      if (!gateway) {
        fastify.addHook('onRequest', (request: FastifyRequest, _reply, done: () => void) => {
          (request as FastifyRequest & RequestWithPrincipal).principal = BENCH_PRINCIPAL;
          done();
        });
      }
    },
  });
  const url = await listen(app, config.EXPERIENCE_API_PORT, config.HOST);
  process.stdout.write(`${JSON.stringify({ service: 'bench-edge', gateway, msg: 'listening', url })}\n`);
}
