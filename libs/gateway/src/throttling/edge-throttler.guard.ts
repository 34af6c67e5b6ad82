import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '@weft/problem';
import { bearerToken } from '../auth/jwt-auth.guard';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from '../auth/jwt.verifier';
import { RequestWithPrincipal } from '../auth/principal';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit-headers';
import { trackerOf } from './rate-limit-policies';

/** Metadata @SkipThrottle() (no argument) sets; the edge reads it as "no policy at all" (health). */
const SKIP_ALL = 'THROTTLER:SKIPdefault';

/**
 * ThrottlerGuard with the IETF RateLimit fields instead of the legacy X-RateLimit-* ones and a
 * problem+json 429. Registered before the JWT guard, so every answer, 401 and 403 included, carries the
 * fields: a token that verifies spends its `sub`'s budget (the verifier caches it for the JWT guard),
 * anything else the client address's.
 */
@Injectable()
export class EdgeThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest & RequestWithPrincipal;
    // A verified caller (token) or sender (a webhook's signature guard) spends its own budget.
    if (request.principal || request.verifiedSender) return trackerOf(request);
    const token = bearerToken(request.headers.authorization);
    if (token) {
      try {
        return `sub:${(await this.verifier.verify(token)).sub}`;
      } catch {
        // Not a valid token: the JWT guard answers 401; the budget spent is the client address's.
      }
    }
    return `ip:${request.ip}`;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return this.reflector.getAllAndOverride<boolean>(SKIP_ALL, [context.getHandler(), context.getClass()]) === true;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const { req, res } = this.getRequestResponse(context);
    const name = throttler.name ?? 'default';
    const key = generateKey(context, await getTracker(req, context), name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    const windowSeconds = Math.ceil(ttl / 1000);
    this.setResponseHeader(res, 'RateLimit-Policy', rateLimitPolicyHeader(name, limit, windowSeconds));
    const reset = record.isBlocked ? record.timeToBlockExpire : record.timeToExpire;
    this.setResponseHeader(res, 'RateLimit', rateLimitHeader(name, limit - record.totalHits, reset));
    if (record.isBlocked) {
      const retryAfter = Math.max(1, record.timeToBlockExpire);
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `The ${name} limit of ${limit} requests per ${windowSeconds} s is used up; retry in ${retryAfter} s.`,
        {
          headers: { 'Retry-After': String(retryAfter) },
          extensions: { policy: name, retryAfter },
        },
      );
    }
    return true;
  }
}
