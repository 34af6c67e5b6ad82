import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { JWTPayload } from 'jose';

/** The verified caller: `sub` is the client identity every policy keys on. */
export interface Principal {
  sub: string;
  scopes: ReadonlySet<string>;
  /** Set when the token carries a `partner_id` claim: such a caller sees only its own orders. */
  partnerId?: string;
  claims: JWTPayload;
}

export interface RequestWithPrincipal {
  principal?: Principal;
  /** Set by a signed-webhook guard once the signature verifies (e.g. `shopify:<shop domain>`). */
  verifiedSender?: string;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
});
