import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WeftConfig } from '@weft/config';
import { DeprecationRegistry, EdgeConfig, edgeConfig, policyLimits, RateLimitPolicyName } from '@weft/gateway';
import { ApiRegistryEntry } from '@weft/platform';
import { canonicalize } from './canonical-json';
import { DemoCatalogItem, demoExamples } from './demo-examples';
import { convertSchemas } from './openapi-31';
import { isJson, Json, OpenApiDocument, Operation, operationsOf } from './openapi-types';
import { decorateOperation, RateLimit } from './operation-policies';
import { problemExamples, problemSchemas } from './problem-components';
import { headerComponents } from './response-headers';
import { collectRouteMetadata, RouteMetadata } from './route-metadata';
import { withSchemaNameGuard } from './schema-name-guard';
import { refineFromValidators } from './validator-refinements';
import { BEARER_SCHEME, SIGNATURE_SCHEMES, tokenSchemes } from './security-schemes';

export interface ContractInput {
  api: ApiRegistryEntry;
  config: WeftConfig;
  catalog: DemoCatalogItem[];
}

export interface GeneratedContracts {
  /** One document per major version (/v{n} prefix). */
  documents: Map<number, OpenApiDocument>;
  /** Operations whose summary was derived from the handler name: they deserve a doc comment. */
  warnings: string[];
}

function edgeOf(config: WeftConfig): EdgeConfig | undefined {
  try {
    return edgeConfig(config);
  } catch {
    return undefined;
  }
}

function deprecationsOf(app: INestApplication): DeprecationRegistry | undefined {
  try {
    return app.get(DeprecationRegistry, { strict: false });
  } catch {
    return undefined;
  }
}

/** The edge's policies (reads/writes/webhooks); the inner layers' one `service` policy (GatewayModule.forService). */
function rateLimitOf(config: WeftConfig, edge: EdgeConfig | undefined, route: RouteMetadata, method: string): RateLimit | undefined {
  if (route.skipThrottle) return undefined;
  if (!edge) return { name: 'service', quota: config.SERVICE_THROTTLE_LIMIT, windowSeconds: config.SERVICE_THROTTLE_WINDOW_SECONDS };
  const declared = route.rateLimitPolicy === 'service' ? undefined : route.rateLimitPolicy;
  const name: Exclude<RateLimitPolicyName, 'service'> = declared ?? (method === 'get' || method === 'head' ? 'reads' : 'writes');
  const { limit, windowSeconds } = policyLimits(edge, name);
  return { name, quota: limit, windowSeconds };
}

/** Names every schema reachable from the paths, following $refs through components. */
function reachableSchemas(paths: unknown, schemas: Record<string, Json>): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isJson(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (!seen.has(name)) {
        seen.add(name);
        visit(schemas[name]);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(paths);
  return seen;
}

function majorOf(path: string): number {
  const m = /^\/v(\d+)(\/|$)/.exec(path);
  if (!m) throw new Error(`${path} has no /v{n} prefix: every documented route is versioned (health and docs are excluded from contracts)`);
  return Number(m[1]);
}

function describe(api: ApiRegistryEntry, major: number, config: WeftConfig, edge: EdgeConfig | undefined): string {
  const life = api.lifecycle[String(major)] ?? { status: 'active' };
  const lines = [
    api.description,
    '',
    `Lifecycle: **${life.status}**${life.sunsetAt ? `, sunset ${life.sunsetAt}` : ''}${life.successor ? `, successor ${life.successor}` : ''}.`,
    'Errors are RFC 9457 problem details (`application/problem+json`, schema `Problem`); every response carries X-Request-Id.',
  ];
  if (edge) {
    lines.push(
      `Rate limits (draft-ietf-httpapi-ratelimit-headers): reads ${edge.THROTTLE_READS_LIMIT}/${edge.THROTTLE_READS_WINDOW_SECONDS} s, ` +
        `writes ${edge.THROTTLE_WRITES_LIMIT}/${edge.THROTTLE_WRITES_WINDOW_SECONDS} s, webhooks ${edge.THROTTLE_WEBHOOKS_LIMIT}/${edge.THROTTLE_WEBHOOKS_WINDOW_SECONDS} s; ` +
        'responses carry RateLimit and RateLimit-Policy, a 429 carries Retry-After.',
      `Idempotency-Key retention: ${edge.IDEMPOTENCY_TTL_SECONDS} s.`,
    );
  } else {
    lines.push(
      `Rate limit (draft-ietf-httpapi-ratelimit-headers): the \`service\` policy, ${config.SERVICE_THROTTLE_LIMIT}/${config.SERVICE_THROTTLE_WINDOW_SECONDS} s per calling service; ` +
        'responses carry RateLimit and RateLimit-Policy, a 429 carries Retry-After.',
    );
  }
  lines.push(
    'CORS: browser origins are allowed only when listed in CORS_ALLOWED_ORIGINS (default: none, so no Access-Control-* header is sent).',
  );
  return lines.join('\n');
}

/**
 * The contracts of one app, from the app itself (created by its createXApi factory, not listening):
 * @nestjs/swagger's document, rewritten by the gateway policies the routes declare, as OpenAPI 3.1 in canonical form.
 */
export function generateContracts(app: INestApplication, input: ContractInput): GeneratedContracts {
  const { api, config } = input;
  const routes = collectRouteMetadata(app);
  const { result, collisions, classes } = withSchemaNameGuard(() =>
    SwaggerModule.createDocument(app, new DocumentBuilder().setOpenAPIVersion('3.1.0').build(), {
      operationIdFactory: (controller, handler) => `${controller}.${handler}`,
    }),
  );
  if (collisions.length > 0) {
    throw new Error(
      `${api.name}: DTO classes share a schema name, so the contract would describe only one of them: ${collisions.join(', ')}. Rename one, or give it @ApiSchema({ name }).`,
    );
  }
  const raw = result as unknown as OpenApiDocument;
  refineFromValidators((raw.components?.schemas ?? {}) as Record<string, Json>, classes);
  const edge = edgeOf(config);
  const deprecations = deprecationsOf(app);
  const examples = demoExamples(input.catalog);
  const warnings: string[] = [];
  const byMajor = new Map<number, Record<string, Record<string, Operation>>>();

  for (const { path, method, operation } of operationsOf(raw)) {
    const route = routes.get(String(operation.operationId));
    if (!route) throw new Error(`${method.toUpperCase()} ${path}: no controller handler for ${operation.operationId}`);
    const decorated = decorateOperation(operation, {
      path,
      method,
      route,
      rateLimit: rateLimitOf(config, edge, route, method),
      idempotencyTtlSeconds: edge?.IDEMPOTENCY_TTL_SECONDS,
      deprecation: deprecations?.lookup(method, path.replace(/\{([^}]+)\}/g, ':$1')),
      downstream: api.downstream,
      examples,
    });
    if (!operation.summary)
      warnings.push(
        `${api.name} ${method.toUpperCase()} ${path}: no doc comment on ${route.controller}.${route.handler}; summary derived from its name`,
      );
    const major = majorOf(path);
    const paths = byMajor.get(major) ?? {};
    paths[path] = { ...paths[path], [method]: decorated };
    byMajor.set(major, paths);
  }

  const allSchemas = { ...((raw.components?.schemas ?? {}) as Record<string, Json>), ...problemSchemas() };
  const documents = new Map<number, OpenApiDocument>();
  for (const [major, paths] of byMajor) {
    const ops = operationsOf({ paths });
    const ids = new Set<string>();
    for (const { operation } of ops) {
      if (ids.has(operation.operationId!)) throw new Error(`${api.name} v${major}: duplicate operationId ${operation.operationId}`);
      ids.add(operation.operationId!);
    }
    const scopes = [...new Set(ops.flatMap(({ operation }) => (operation.security ?? []).flatMap((s) => s[BEARER_SCHEME] ?? [])))].sort();
    const signatureSchemes = new Set(
      ops.flatMap(({ operation }) => (operation.security ?? []).flatMap((s) => Object.keys(s))).filter((n) => n in SIGNATURE_SCHEMES),
    );
    for (const { path, method, operation } of ops) {
      for (const name of (operation.security ?? []).flatMap((s) => Object.keys(s))) {
        if (!(name in SIGNATURE_SCHEMES) && name !== BEARER_SCHEME && name !== 'oauth2')
          throw new Error(`${method.toUpperCase()} ${path}: unknown security scheme ${name}`);
      }
    }
    const used = reachableSchemas(paths, allSchemas);
    const life = api.lifecycle[String(major)] as { version?: string } | undefined;
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      info: {
        title: api.title,
        version: life?.version ?? `${major}.0.0`,
        description: describe(api, major, config, edge),
        contact: { name: api.owner.team, email: api.owner.email },
        'x-api-name': api.name,
        'x-lifecycle': api.lifecycle[String(major)] ?? { status: 'active' },
      },
      servers: [
        {
          url: '/',
          description: `The host serving ${api.name}, in each environment (local, staging, production): the same contract.`,
          // Only the edge is for outside callers; the inner layers accept Weft's service tokens only.
          'x-internal': api.internal === true,
        },
      ],
      tags: [...new Set(ops.flatMap(({ operation }) => operation.tags ?? []))].sort().map((name) => ({ name })),
      paths,
      components: {
        schemas: Object.fromEntries(Object.entries(allSchemas).filter(([name]) => used.has(name))),
        examples: Object.fromEntries(
          Object.entries(problemExamples()).filter(([name]) => JSON.stringify(paths).includes(`"#/components/examples/${name}"`)),
        ),
        headers: Object.fromEntries(
          Object.entries(headerComponents()).filter(([name]) => JSON.stringify(paths).includes(`"#/components/headers/${name}"`)),
        ),
        securitySchemes: {
          ...(scopes.length > 0 || ops.some(({ operation }) => (operation.security ?? []).some((s) => BEARER_SCHEME in s))
            ? tokenSchemes(scopes, config.JWT_ISSUER)
            : {}),
          ...Object.fromEntries([...signatureSchemes].map((n) => [n, SIGNATURE_SCHEMES[n]])),
        },
      },
    };
    documents.set(major, canonicalize(convertSchemas(doc) as OpenApiDocument));
  }
  return { documents, warnings: warnings.sort() };
}
