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

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    try {
      const send = (): Promise<T> => this.send<T>(method, path, options);
      const operation = `${method} ${routeOf(path)}`;
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

  private async send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const token = await this.signer.token(this.options.caller, this.options.audience, this.options.scope);
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      authorization: `Bearer ${token}`,
      ...propagationHeaders(requestContext.current()),
      ...options.headers,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (e) {
      const timeout = (e as Error).name === 'TimeoutError';
      this.logger.warn(`${method} ${url.pathname} failed: ${(e as Error).message}`);
      throw new DomainError(
        timeout ? ErrorCode.DOWNSTREAM_TIMEOUT : ErrorCode.DOWNSTREAM_UNAVAILABLE,
        timeout ? 'A system behind the gateway timed out.' : 'A system behind the gateway is unreachable.',
      );
    }
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw downstreamError(response.status, body);
    return body as T;
  }
}
