import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DomainError, ErrorCode } from '@weft/problem';

/**
 * The operations dashboard: static files bundled by `npm run build` (scripts/build-ops-ui.mjs) into
 * dist/ops-ui. Like /docs these are raw Fastify routes, public and outside the contract: the page holds
 * no data, it calls /v1/ops/* with the operator's own token.
 */
export const OPS_UI_ROUTES = ['/ops', '/ops/assets/:file'] as const;

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Everything from this origin only, nothing inline: the bundle is one script, the styles one sheet. */
export const OPS_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The bundle's folder: OPS_UI_DIR, else dist/ops-ui next to the compiled app or under the working directory. */
export function findOpsUiDir(configured?: string): string | undefined {
  const candidates = configured ? [configured] : [join(__dirname, '..', '..', '..', '..', 'ops-ui'), join(process.cwd(), 'dist', 'ops-ui')];
  return candidates.find((d) => existsSync(join(d, 'index.html')));
}

export function registerOpsUi(fastify: FastifyInstance, configured?: string): void {
  const dir = findOpsUiDir(configured);
  const files = new Map<string, Buffer>();
  if (dir) for (const f of ['index.html', ...Object.keys(ASSETS)]) if (existsSync(join(dir, f))) files.set(f, readFileSync(join(dir, f)));
  const missing = (): DomainError => new DomainError(ErrorCode.NOT_FOUND, 'The operations dashboard is not built: run npm run build.');

  fastify.get('/ops', async (_request, reply) => {
    const html = files.get('index.html');
    if (!html) throw missing();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', OPS_UI_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(html);
  });
  fastify.get('/ops/assets/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file;
    const body = files.get(file);
    const type = ASSETS[file];
    if (!body || !type) throw new DomainError(ErrorCode.NOT_FOUND, `No dashboard asset ${file}.`);
    return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
  });
}
