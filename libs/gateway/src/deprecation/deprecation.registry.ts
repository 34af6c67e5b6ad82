import { ConfigValidationError } from '@weft/config';

export interface Deprecation {
  method: string;
  /** Route pattern as declared, version included: /v1/orders/:id. */
  path: string;
  deprecatedAt: Date;
  sunsetAt?: Date;
  successor?: string;
}

function fail(detail: string): never {
  throw new ConfigValidationError(['DEPRECATIONS'], `DEPRECATIONS ${detail}`);
}

function date(value: unknown, field: string, index: number): Date {
  const parsed = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) fail(`[${index}].${field} must be an ISO date`);
  return parsed;
}

function parseEntry(raw: unknown, index: number): Deprecation {
  if (!raw || typeof raw !== 'object') fail(`[${index}] must be an object`);
  const e = raw as Record<string, unknown>;
  if (typeof e.method !== 'string' || !/^[A-Za-z]+$/.test(e.method)) fail(`[${index}].method must be an HTTP method`);
  if (typeof e.path !== 'string' || !e.path.startsWith('/')) fail(`[${index}].path must be a route pattern such as /v1/orders/:id`);
  if (e.successor !== undefined && (typeof e.successor !== 'string' || /[<>\s]/.test(e.successor)))
    fail(`[${index}].successor must be a URL or path`);
  return {
    method: e.method.toUpperCase(),
    path: e.path,
    deprecatedAt: date(e.deprecatedAt, 'deprecatedAt', index),
    ...(e.sunsetAt === undefined ? {} : { sunsetAt: date(e.sunsetAt, 'sunsetAt', index) }),
    ...(e.successor === undefined ? {} : { successor: e.successor as string }),
  };
}

/**
 * The one list of deprecated operations: the interceptor announces them on responses, and the OpenAPI
 * generator can mark the same operations `deprecated: true` through lookup().
 */
export class DeprecationRegistry {
  private readonly byRoute = new Map<string, Deprecation>();

  constructor(entries: readonly Deprecation[]) {
    for (const e of entries) this.byRoute.set(DeprecationRegistry.routeKey(e.method, e.path), e);
  }

  /** Parses the DEPRECATIONS variable; a malformed entry stops start-up with the variable named. */
  static fromJson(json: string): DeprecationRegistry {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      fail('is not valid JSON');
    }
    if (!Array.isArray(raw)) fail('must be a JSON array');
    return new DeprecationRegistry(raw.map(parseEntry));
  }

  private static routeKey(method: string, path: string): string {
    return `${method.toUpperCase()} ${path.length > 1 ? path.replace(/\/+$/, '') : path}`;
  }

  lookup(method: string, path: string): Deprecation | undefined {
    return (
      this.byRoute.get(DeprecationRegistry.routeKey(method, path)) ??
      (method.toUpperCase() === 'HEAD' ? this.lookup('GET', path) : undefined)
    );
  }

  all(): Deprecation[] {
    return [...this.byRoute.values()];
  }
}

/** The response fields for one deprecation: RFC 9745 Deprecation, RFC 8594 Sunset, successor and deprecation links. */
export function deprecationHeaders(d: Deprecation): Record<string, string> {
  const headers: Record<string, string> = { Deprecation: `@${Math.floor(d.deprecatedAt.getTime() / 1000)}` };
  if (d.sunsetAt) headers.Sunset = d.sunsetAt.toUTCString();
  if (d.successor) headers.Link = `<${d.successor}>; rel="successor-version"`;
  return headers;
}
