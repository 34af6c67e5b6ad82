import { ExecutionContext } from '@nestjs/common';
import { REDIS } from '@weft/platform';
import { RateLimitPolicy } from '../decorators';
import { REDIS_CONNECTION } from '../redis.token';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit-headers';
import { policyOf, trackerOf } from './rate-limit-policies';

class Routes {
  list(): void {}
  create(): void {}
  @RateLimitPolicy('webhooks')
  hook(): void {}
}

function ctx(handler: () => void, method: string): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ method }) }),
  } as unknown as ExecutionContext;
}

describe('rate-limit policies', () => {
  it('defaults GET/HEAD to reads and other methods to writes; @RateLimitPolicy wins', () => {
    const r = Routes.prototype;
    expect(policyOf(ctx(r.list, 'GET'))).toBe('reads');
    expect(policyOf(ctx(r.list, 'HEAD'))).toBe('reads');
    expect(policyOf(ctx(r.create, 'POST'))).toBe('writes');
    expect(policyOf(ctx(r.create, 'DELETE'))).toBe('writes');
    expect(policyOf(ctx(r.hook, 'POST'))).toBe('webhooks');
  });

  it('tracks the token sub when authenticated, else the client IP', () => {
    expect(trackerOf({ principal: { sub: 'c1' }, ip: '10.0.0.1' } as never)).toBe('sub:c1');
    expect(trackerOf({ ip: '10.0.0.1' } as never)).toBe('ip:10.0.0.1');
  });

  it('formats the IETF structured fields', () => {
    expect(rateLimitPolicyHeader('writes', 100, 60)).toBe('"writes";q=100;w=60');
    expect(rateLimitHeader('writes', 42, 17)).toBe('"writes";r=42;t=17');
    expect(rateLimitHeader('writes', -3, -1)).toBe('"writes";r=0;t=0');
  });

  it('injects the same Redis connection InfraModule provides', () => {
    expect(REDIS_CONNECTION).toBe(REDIS);
  });
});
