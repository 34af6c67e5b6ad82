import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '@weft/problem';
import { AUTH_FAILURE_LIMITER, AuthFailureBudget, AuthFailureLimiter } from './auth-failure.limiter';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit-headers';

/** Metadata @SkipThrottle() (no argument) sets: health is never limited. */
const SKIP_ALL = 'THROTTLER:SKIPdefault';
export const AUTH_FAILURE_BUDGET = Symbol('AUTH_FAILURE_BUDGET');
const POLICY = 'unauthenticated';

/**
 * The first guard at the edge. An address whose recent requests failed authentication too often gets
 * 429 before its token or HMAC is looked at; every 401 this request ends with is counted against its
 * address when the response is sent (request.ip: the client behind a trusted proxy, see TRUST_PROXY).
 */
@Injectable()
export class UnauthenticatedLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_FAILURE_LIMITER) private readonly limiter: AuthFailureLimiter,
    @Inject(AUTH_FAILURE_BUDGET) private readonly budget: AuthFailureBudget,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_ALL, [context.getHandler(), context.getClass()]) === true) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const address = request.ip;
    const wait = await this.limiter.blockedFor(address);
    if (wait > 0) {
      void reply.header('RateLimit-Policy', rateLimitPolicyHeader(POLICY, this.budget.limit, this.budget.windowSeconds));
      void reply.header('RateLimit', rateLimitHeader(POLICY, 0, wait));
      throw new DomainError(ErrorCode.RATE_LIMITED, `Too many requests from this address failed authentication; retry in ${wait} s.`, {
        headers: { 'Retry-After': String(wait) },
        extensions: { policy: POLICY, retryAfter: wait },
      });
    }
    reply.raw.once('finish', () => {
      if (reply.raw.statusCode === 401) void this.limiter.recordFailure(address).catch(() => undefined);
    });
    return true;
  }
}
