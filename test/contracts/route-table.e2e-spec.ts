import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RouteOptions } from 'fastify';
import { DOCS_ROUTES, listContractFiles } from '@weft/platform';
import { testEnv } from '@weft/testing';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { OPS_UI_ROUTES } from '../../apps/experience-api/src/ops-ui/ops-ui.routes';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';

const OPENAPI = join(__dirname, '..', '..', 'openapi');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Served by every app, never part of a contract: probes and the documentation itself. */
// Health, docs and the service-key JWKS (RFC 7517, read by the other layers) are infrastructure, not API.
const NOT_IN_CONTRACT = (route: string): boolean =>
  route.startsWith('GET /health/') ||
  route === 'GET /.well-known/jwks.json' ||
  [...DOCS_ROUTES, ...OPS_UI_ROUTES].some((d) => route === `GET ${d.replace(/:(\w+)/g, '{$1}')}`);

type Factory = (env: NodeJS.ProcessEnv) => Promise<{ app: NestFastifyApplication }>;
const APPS: [string, Factory][] = [
  ['experience-api', createExperienceApi],
  ['process-api', createProcessApi],
  ['system-api', createSystemApi],
];

/** The routes Fastify actually serves, as "METHOD /path/{param}" (HEAD twins of GET left out). */
async function routeTable(factory: Factory): Promise<string[]> {
  const { app } = await factory(testEnv());
  const routes = new Set<string>();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (r: RouteOptions) => {
      for (const m of [r.method].flat()) {
        if (m === 'HEAD' || m === 'OPTIONS') continue;
        const path = r.url.length > 1 ? r.url.replace(/\/+$/, '') : r.url;
        routes.add(`${m} ${path.replace(/:(\w+)/g, '{$1}')}`);
      }
    });
  await app.init();
  await app.close();
  return [...routes].sort();
}

function documented(service: string): string[] {
  return listContractFiles(OPENAPI)
    .filter((f) => f.service === service)
    .flatMap((f) => {
      const doc = JSON.parse(readFileSync(join(OPENAPI, f.file), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
      return Object.entries(doc.paths).flatMap(([p, item]) => METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${p}`));
    })
    .sort();
}

describe('router table vs committed contract', () => {
  it.each(APPS)(
    '%s serves exactly the operations its contract describes (run `npm run openapi` after changing routes)',
    async (service, factory) => {
      const served = await routeTable(factory);
      const contract = documented(service);
      expect(contract.length).toBeGreaterThan(0);
      expect({
        undocumented: served.filter((r) => !NOT_IN_CONTRACT(r) && !contract.includes(r)),
        notServed: contract.filter((r) => !served.includes(r)),
      }).toEqual({
        undocumented: [],
        notServed: [],
      });
    },
  );
});
