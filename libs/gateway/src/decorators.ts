import { applyDecorators, SetMetadata } from '@nestjs/common';
import { Scope } from './auth/scopes';

export const IS_PUBLIC = 'weft:public';
export const REQUIRED_SCOPES = 'weft:scopes';
export const RATE_LIMIT_POLICY = 'weft:rate-limit-policy';
export const IDEMPOTENCY = 'weft:idempotency';

/** reads/writes/webhooks at the edge; `service` is the one policy of the inner layers (per calling service). */
export type RateLimitPolicyName = 'reads' | 'writes' | 'webhooks' | 'service';

export interface IdempotencyOptions {
  /** true on every route that creates a business object: a request without the header is a 400. */
  required: boolean;
}

/** Explicit opt-out of JWT authentication (health, signed webhooks). Nothing is public by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Every listed scope must be present in the token's `scope` claim. */
export const Scopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

/** Which named throttling policy applies; routes without one use `reads` for GET and `writes` otherwise. */
export const RateLimitPolicy = (name: RateLimitPolicyName): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMIT_POLICY, name);

export const Idempotent = (options: IdempotencyOptions = { required: true }): MethodDecorator =>
  applyDecorators(SetMetadata(IDEMPOTENCY, options));
