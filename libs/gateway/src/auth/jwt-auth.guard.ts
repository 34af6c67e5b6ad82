import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '@weft/problem';
import { IS_PUBLIC, REQUIRED_SCOPES } from '../decorators';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier } from './jwt.verifier';
import { RequestWithPrincipal } from './principal';
import { Scope } from './scopes';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` header, else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** Global guard: every route needs a valid access token and its scopes unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    const header = request.headers.authorization;
    if (!header) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send an access token: Authorization: Bearer <token>.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="weft"' },
      });
    }
    const match = BEARER.exec(header);
    if (!match) {
      throw new DomainError(ErrorCode.INVALID_TOKEN, 'The Authorization header is not a Bearer token.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="not a Bearer token"' },
      });
    }
    const principal = await this.verifier.verify(match[1]);
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? [];
    const missing = required.filter((s) => !principal.scopes.has(s));
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.INSUFFICIENT_SCOPE, `This operation requires the scope ${required.join(' ')}.`, {
        headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"` },
        extensions: { requiredScopes: required },
      });
    }
    return true;
  }
}
