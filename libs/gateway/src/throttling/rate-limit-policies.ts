import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { RateLimitPolicyName, RATE_LIMIT_POLICY } from '../decorators';
import { RequestWithPrincipal } from '../auth/principal';
import { WeftConfig } from '@weft/config';
import { EdgeSettings } from '../edge.config';

/** The object form of the throttler options (named throttlers plus tracker and key functions). */
export type ThrottlerConfig = Extract<ThrottlerModuleOptions, { throttlers: unknown }>;

export const RATE_LIMIT_POLICIES: readonly Exclude<RateLimitPolicyName, 'service'>[] = ['reads', 'writes', 'webhooks'];

const reflector = new Reflector();

/** The route's named policy: its @RateLimitPolicy, else `reads` for GET/HEAD and `writes` for the rest. */
export function policyOf(context: ExecutionContext): RateLimitPolicyName {
  const declared = reflector.getAllAndOverride<RateLimitPolicyName | undefined>(RATE_LIMIT_POLICY, [
    context.getHandler(),
    context.getClass(),
  ]);
  if (declared) return declared;
  const method = context.switchToHttp().getRequest<FastifyRequest>().method;
  return method === 'GET' || method === 'HEAD' ? 'reads' : 'writes';
}

/**
 * Whose budget a request spends: the token's `sub` once the JWT guard has run, the verified sender of a
 * signed webhook (its shop), else the client address.
 */
export function trackerOf(request: FastifyRequest & RequestWithPrincipal): string {
  if (request.principal) return `sub:${request.principal.sub}`;
  return request.verifiedSender ? `sender:${request.verifiedSender}` : `ip:${request.ip}`;
}

/**
 * `webhooks` spends only once the route's signature guard has named the sender, so unsigned junk cannot
 * use up a shop's budget (it meets the per-address `unauthenticated` limit instead).
 */
function skips(context: ExecutionContext, name: RateLimitPolicyName): boolean {
  if (policyOf(context) !== name) return true;
  return name === 'webhooks' && !context.switchToHttp().getRequest<RequestWithPrincipal>().verifiedSender;
}

export function policyLimits(
  settings: EdgeSettings,
  name: Exclude<RateLimitPolicyName, 'service'>,
): { limit: number; windowSeconds: number } {
  switch (name) {
    case 'reads':
      return { limit: settings.THROTTLE_READS_LIMIT, windowSeconds: settings.THROTTLE_READS_WINDOW_SECONDS };
    case 'writes':
      return { limit: settings.THROTTLE_WRITES_LIMIT, windowSeconds: settings.THROTTLE_WRITES_WINDOW_SECONDS };
    case 'webhooks':
      return { limit: settings.THROTTLE_WEBHOOKS_LIMIT, windowSeconds: settings.THROTTLE_WEBHOOKS_WINDOW_SECONDS };
  }
}

/**
 * One named throttler per policy; each skips the routes of the other policies, so a request spends from
 * exactly one budget. Counters are per policy and client (not per route): `writes` is one budget for all writes.
 */
export function throttlerOptions(settings: EdgeSettings, keyPrefix: string): ThrottlerConfig {
  const throttlers: ThrottlerOptions[] = RATE_LIMIT_POLICIES.map((name) => {
    const { limit, windowSeconds } = policyLimits(settings, name);
    return { name, limit, ttl: windowSeconds * 1000, skipIf: (context: ExecutionContext) => skips(context, name) };
  });
  return {
    throttlers,
    setHeaders: false,
    generateKey: (_context, tracker, name) => `${keyPrefix}throttle:${name}:${tracker}`,
  };
}

/** The inner layers' one policy, `service`: SERVICE_THROTTLE_LIMIT requests per window per calling service. */
export function serviceThrottlerOptions(config: WeftConfig): ThrottlerConfig {
  return {
    throttlers: [{ name: 'service', limit: config.SERVICE_THROTTLE_LIMIT, ttl: config.SERVICE_THROTTLE_WINDOW_SECONDS * 1000 }],
    setHeaders: false,
    generateKey: (_context, tracker, name) => `${config.REDIS_KEY_PREFIX}throttle:${name}:${tracker}`,
  };
}
