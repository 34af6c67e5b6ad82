import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, Observable, of, throwError } from 'rxjs';
import { WeftConfig } from '@weft/config';
import { DomainError, ErrorCode, isDomainError, PROBLEM_CONTENT_TYPE, toProblem } from '@weft/problem';
import { IDEMPOTENCY, IdempotencyOptions } from '../decorators';
import { RequestWithPrincipal } from '../auth/principal';
import { edgeConfig } from '../edge.config';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key';
import { AcquireResult, IDEMPOTENCY_STORE, IdempotencyStore, IdempotencyUnavailableError, StoredResponse } from './idempotency.store';
import { requestFingerprint, scopedKey } from './request-fingerprint';

/** How long a request holds its key before a crashed holder's lock lapses (longer than any downstream timeout). */
export const IN_FLIGHT_LEASE_MS = 5 * 60_000;
/** Response headers that are part of the answer and so are replayed; per-request ones (RateLimit, X-Request-Id) are not. */
const REPLAYED_HEADERS = ['location', 'content-type', 'content-location', 'etag', 'last-modified', 'preference-applied'];
const METHODS = new Set(['POST', 'PATCH']);
/** Seconds a client is asked to wait when the key store is unreachable (Redis restarts take a few). */
export const STORE_DOWN_RETRY_AFTER_SECONDS = 5;

type Request = FastifyRequest & RequestWithPrincipal;

interface Claim {
  key: string;
  lease: string;
  fingerprint: string;
}

/** Outcomes not worth keeping: the client may fix the request or retry it with the same key. */
function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 409 || status === 429;
}

function isJsonBody(body: unknown): boolean {
  return body === undefined || body === null || typeof body !== 'object' || Array.isArray(body) || isPlainObject(body);
}

/** A plain object of any realm (fetch parses JSON in Node's own, not a sandbox's): its prototype has none. */
function isPlainObject(body: object): boolean {
  const proto: unknown = Object.getPrototypeOf(body);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * draft-ietf-httpapi-idempotency-key-header at the edge: the first request with a key runs, its outcome is
 * stored and replayed for the same key and payload; a different payload is 422, a concurrent one 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly ttlMs: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    config: WeftConfig,
  ) {
    this.ttlMs = edgeConfig(config).IDEMPOTENCY_TTL_SECONDS * 1000;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const options = this.reflector.getAllAndOverride<IdempotencyOptions | undefined>(IDEMPOTENCY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!options || !METHODS.has(request.method)) return next.handle();

    const idempotencyKey = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (idempotencyKey === undefined) {
      if (!options.required) return next.handle();
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_MISSING,
        'This operation requires an Idempotency-Key header, e.g. Idempotency-Key: "<uuid>".',
      );
    }
    // Pipes have not run yet: this is the body as the client sent it.
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const key = scopedKey(request.principal?.sub ?? 'anonymous', idempotencyKey);
    const result = await this.acquire(key, fingerprint);
    if (result.outcome !== 'acquired' && result.fingerprint !== fingerprint) {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used for a different request; use a new key.',
      );
    }
    if (result.outcome === 'in-flight') {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_IN_FLIGHT,
        'The first request with this Idempotency-Key is still being processed; retry later.',
        {
          headers: { 'Retry-After': '1' },
        },
      );
    }
    if (result.outcome === 'completed') return of(this.replay(reply, result.response));

    const claim: Claim = { key, lease: result.lease, fingerprint };
    return next.handle().pipe(
      concatMap((body) => from(this.settleSuccess(claim, reply, body).then(() => body))),
      catchError((error: unknown) => from(this.settleError(claim, request, error)).pipe(concatMap(() => throwError(() => error)))),
    );
  }

  /**
   * Fails closed: a key that cannot be claimed is a 503 with Retry-After, and the handler does not run, so
   * nothing is persisted that a retry could duplicate.
   */
  private async acquire(key: string, fingerprint: string): Promise<AcquireResult> {
    try {
      return await this.store.acquire(key, fingerprint, Math.min(IN_FLIGHT_LEASE_MS, this.ttlMs));
    } catch (e) {
      if (!(e instanceof IdempotencyUnavailableError)) this.logger.error({ err: e }, 'could not claim an idempotency key');
      throw new DomainError(
        ErrorCode.DOWNSTREAM_UNAVAILABLE,
        `Idempotency keys cannot be checked right now, so the request was not processed; retry in ${STORE_DOWN_RETRY_AFTER_SECONDS} s.`,
        { headers: { 'Retry-After': String(STORE_DOWN_RETRY_AFTER_SECONDS) } },
      );
    }
  }

  private replay(reply: FastifyReply, response: StoredResponse): unknown {
    void reply.status(response.status).headers(response.headers).header('Idempotent-Replayed', 'true');
    return response.body;
  }

  private async settleSuccess(claim: Claim, reply: FastifyReply, body: unknown): Promise<void> {
    const status = reply.statusCode;
    if (isTransientStatus(status) || !isJsonBody(body)) return this.release(claim);
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await this.store
      .complete(claim.key, claim.lease, claim.fingerprint, { status, headers, ...(body === undefined ? {} : { body }) }, this.ttlMs)
      .catch((e: unknown) => this.logger.error({ err: e }, 'could not store an idempotent response'));
  }

  /** Validation failures (pipes run after interceptors) and transient outcomes free the key; other 4xx are the answer. */
  private async settleError(claim: Claim, request: Request, error: unknown): Promise<void> {
    const problem = toProblem(error, request.url, String(request.id));
    if ((isDomainError(error) && error.code === ErrorCode.VALIDATION) || isTransientStatus(problem.status)) return this.release(claim);
    const response: StoredResponse = {
      status: problem.status,
      headers: { ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE },
      body: problem.body,
    };
    await this.store
      .complete(claim.key, claim.lease, claim.fingerprint, response, this.ttlMs)
      .catch((e: unknown) => this.logger.error({ err: e }, 'could not store an idempotent response'));
  }

  private async release(claim: Claim): Promise<void> {
    await this.store
      .release(claim.key, claim.lease)
      .catch((e: unknown) => this.logger.error({ err: e }, 'could not release an idempotency key'));
  }
}
