import { Logger } from '@nestjs/common';
import { circuitBreaker, ConsecutiveBreaker, handleWhen, BrokenCircuitError, CircuitBreakerPolicy } from 'cockatiel';
import { ServiceName, ServiceTokenSigner } from '@weft/gateway';
import { propagationHeaders, requestContext, WeftMetrics } from '@weft/observability';
import { DomainError, ErrorCode, isDomainError } from '@weft/problem';

export interface LayerClientOptions {
  /** Name of the calling service: the `sub` of its service token. */
  caller: ServiceName;
  /** The receiving layer: the `aud` of the token, so a token for one layer is refused by the others. */
  audience: ServiceName;
  baseUrl: string;
  timeoutMs: number;
  /** Scope requested for the service token (e.g. "process:read process:write"). */
  scope: string;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
const HALF_OPEN_AFTER_MS = 5_000;

/** Problems from below keep their code and detail; anything 5xx-ish becomes "downstream unavailable". */
function downstreamError(status: number, body: unknown): DomainError {
  const problem = (body ?? {}) as { code?: string; detail?: string; errors?: unknown; [k: string]: unknown };
  if (status < 500 && problem.code && KNOWN_CODES.has(problem.code) && problem.code !== ErrorCode.INTERNAL) {
    const { type: _t, title: _ti, status: _s, instance: _i, correlationId: _c, code, detail, ...extensions } = problem;
    return new DomainError(code as ErrorCode, detail ?? 'Rejected downstream.', { extensions });
  }
  if (status === 429) return new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'A system behind the gateway is at its limit.');
  if (status < 500) return new DomainError(ErrorCode.DOWNSTREAM_REJECTED, `A system behind the gateway answered ${status}.`);
  return new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'A system behind the gateway failed.');
}

/** A body that is not JSON (a proxy's HTML error page) is treated as no body. */
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isTransient(e: unknown): boolean {
  return isDomainError(e) && (e.code === ErrorCode.DOWNSTREAM_UNAVAILABLE || e.code === ErrorCode.DOWNSTREAM_TIMEOUT);
}

/** A path as a low-cardinality label: ids (uuids, digits, business keys after the resource) become {id}. */
export function routeOf(path: string): string {
  return path
    .split('?')[0]
    .split('/')
    .map((seg) => (/^[0-9a-f-]{8,}$|^\d+$|[:%@]/i.test(seg) ? '{id}' : seg))
    .join('/');
}

/** HTTP client from one layer to the next: service token, correlation, timeout, circuit breaker. */
export class LayerClient {
  private readonly logger: Logger;
  private readonly breaker: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(
    private readonly options: LayerClientOptions,
    private readonly signer: ServiceTokenSigner,
    private readonly metrics?: WeftMetrics,
  ) {
    this.logger = new Logger(`${options.caller}->${options.baseUrl}`);
    this.breaker = circuitBreaker(handleWhen(isTransient), { halfOpenAfter: HALF_OPEN_AFTER_MS, breaker: new ConsecutiveBreaker(10) });
    this.breaker.onBreak(() => (this.openedAt = Date.now()));
    metrics?.watchCircuit(this.target, () => this.breaker.state);
  }

  /** Metrics label of the layer called: its audience (process-api, system-api). */
  private get target(): string {
    return this.options.audience;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers = new Headers(options.headers);
    if (options.body !== undefined) headers.set('content-type', 'application/json');
    const response = await this.guarded(method, url, headers, options.body === undefined ? undefined : JSON.stringify(options.body));
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * fetch for a client generated from the receiving layer's contract (openapi-fetch): the same service
   * token, correlation headers, timeout, circuit breaker, metrics and problem mapping as get/post. A
   * non-2xx answer is thrown as a DomainError; a 2xx response is returned unread.
   */
  readonly fetch = async (request: Request): Promise<Response> => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    return this.guarded(request.method, new URL(request.url), new Headers(request.headers), body || undefined);
  };

  private async guarded(method: string, url: URL, headers: Headers, body: string | undefined): Promise<Response> {
    try {
      const send = (): Promise<Response> => this.send(method, url, headers, body);
      const operation = `${method} ${routeOf(url.pathname)}`;
      return await this.breaker.execute(() => (this.metrics ? this.metrics.timeOutbound(this.target, operation, send) : send()));
    } catch (e) {
      if (e instanceof BrokenCircuitError) {
        // Callers that can wait (workflow runners) hold off until the breaker lets a probe through.
        const retryAfterMs = Math.max(100, this.openedAt + HALF_OPEN_AFTER_MS - Date.now());
        throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'A system behind the gateway is failing; its circuit is open.', {
          extensions: { circuit: 'open', retryAfterMs },
        });
      }
      throw e;
    }
  }

  private async send(method: string, url: URL, headers: Headers, body: string | undefined): Promise<Response> {
    const token = await this.signer.token(this.options.caller, this.options.audience, this.options.scope);
    headers.set('accept', 'application/json, application/problem+json');
    headers.set('authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(propagationHeaders(requestContext.current()))) if (!headers.has(k)) headers.set(k, v);
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (e) {
      const timeout = (e as Error).name === 'TimeoutError';
      this.logger.warn(`${method} ${url.pathname} failed: ${(e as Error).message}`);
      throw new DomainError(
        timeout ? ErrorCode.DOWNSTREAM_TIMEOUT : ErrorCode.DOWNSTREAM_UNAVAILABLE,
        timeout ? 'A system behind the gateway timed out.' : 'A system behind the gateway is unreachable.',
      );
    }
    if (!response.ok) throw downstreamError(response.status, parseBody(await response.text()));
    return response;
  }
}
