import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '@weft/problem';
import { CHANGELOG_FILE, findOpenApiDir, listContractFiles, readRegistry } from './contract-files';
import { ContractChangelog, contractsIndexPage, IndexedContract } from './contracts-index.page';
import { DOCS_ASSETS_PREFIX, SWAGGER_UI_INIT, swaggerUiPage } from './swagger-ui.page';

/**
 * Routes that serve documentation, not the API: raw Fastify routes outside Nest's pipeline, so they are
 * public (no JWT guard), never throttled, and absent from the contract they serve. The route-table test
 * allows exactly these besides /health/*.
 */
export const DOCS_ROUTES = ['/docs', '/docs/contracts', `${DOCS_ASSETS_PREFIX}:file`, '/openapi.json'] as const;

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

function swaggerUiDist(): string {
  const nestSwagger = dirname(require.resolve('@nestjs/swagger/package.json'));
  return dirname(require.resolve('swagger-ui-dist/package.json', { paths: [nestSwagger] }));
}

function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, what);
}

export interface DocsOptions {
  service: string;
  /** openapi/ directory; found from the build location when absent. */
  openapiDir?: string;
}

/**
 * /docs (Swagger UI) and /openapi.json serve the committed contract of this service, read once at start-up;
 * the app named by registry.contractsIndex also serves /docs/contracts.
 */
export function registerDocsRoutes(fastify: FastifyInstance, options: DocsOptions): void {
  const dir = findOpenApiDir(options.openapiDir);
  const files = dir ? listContractFiles(dir) : [];
  const own = files.filter((f) => f.service === options.service);
  const latest = own.at(-1);
  const contractText = latest && dir ? readFileSync(join(dir, latest.file), 'utf8') : undefined;
  const title = contractText
    ? String((JSON.parse(contractText) as { info?: { title?: string } }).info?.title ?? options.service)
    : options.service;
  const uiDir = swaggerUiDist();

  const html = (reply: FastifyReply, body: string): FastifyReply =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);

  fastify.get('/openapi.json', async (_request, reply) => {
    if (!contractText) throw notFound(`No contract is committed for ${options.service}; run npm run openapi.`);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(contractText);
  });
  fastify.get('/docs', async (_request, reply) => html(reply, swaggerUiPage(title, '/openapi.json')));
  fastify.get(`${DOCS_ASSETS_PREFIX}:file`, async (request, reply) => {
    const file = (request.params as { file: string }).file;
    if (file === 'weft-docs-init.js') return reply.type('text/javascript; charset=utf-8').send(SWAGGER_UI_INIT);
    const type = ASSETS[file];
    if (!type || !existsSync(join(uiDir, file))) throw notFound(`No documentation asset ${file}.`);
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=3600')
      .send(readFileSync(join(uiDir, file)));
  });

  if (!dir) return;
  const registry = readRegistry(dir);
  if (registry.contractsIndex !== options.service) return;
  const contracts: IndexedContract[] = files.map((f) => ({
    ...f,
    document: JSON.parse(readFileSync(join(dir, f.file), 'utf8')) as IndexedContract['document'],
  }));
  const changelogPath = join(dir, CHANGELOG_FILE);
  const changelog = existsSync(changelogPath) ? (JSON.parse(readFileSync(changelogPath, 'utf8')) as ContractChangelog) : {};
  const page = contractsIndexPage(registry, contracts, changelog);
  fastify.get('/docs/contracts', async (_request, reply) => html(reply, page));
}
