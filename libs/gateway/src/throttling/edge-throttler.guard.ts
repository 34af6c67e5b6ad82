import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { DomainError, ErrorCode } from '@weft/problem';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit-headers';

/** Metadata @SkipThrottle() (no argument) sets; the edge reads it as "no policy at all" (health). */
const SKIP_ALL = 'THROTTLER:SKIPdefault';

/**
 * ThrottlerGuard with the IETF RateLimit fields instead of the legacy X-RateLimit-* ones and a
 * problem+json 429. Registered after the JWT guard, so the tracker can be the caller's `sub`.
 */
@Injectable()
export class EdgeThrottlerGuard extends ThrottlerGuard {
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
