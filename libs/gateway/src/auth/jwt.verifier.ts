import { Injectable } from '@nestjs/common';
import { createPublicKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { ConfigValidationError, WeftConfig } from '@weft/config';
import { DomainError, ErrorCode } from '@weft/problem';
import { ensureDevKeys } from './dev-keys';
import { Principal } from './principal';

/** RS256 and ES256 only: `none` and every HMAC algorithm are refused before any key is touched. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'];
export const CLOCK_SKEW_SECONDS = 30;
export const ACCEPTED_TYP = new Set(['jwt', 'at+jwt', 'application/at+jwt']);

export function invalidToken(description: string): DomainError {
  return new DomainError(ErrorCode.INVALID_TOKEN, description, {
    headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description.replace(/"/g, "'")}"` },
  });
}

export function describeJoseError(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'The token has expired.';
  if (e instanceof errors.JWTClaimValidationFailed) return `The token's ${e.claim} claim is not acceptable.`;
  if (e instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm that is not allowed.';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (e instanceof errors.JWKSNoMatchingKey) return 'The token is signed with an unknown key.';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'The token is malformed.';
  return 'The token could not be verified.';
}

/** What the global guard asks: the edge verifies channel tokens, the inner layers service tokens. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
}
export const ACCESS_TOKEN_VERIFIER = Symbol('ACCESS_TOKEN_VERIFIER');

/** Verified tokens are remembered briefly: an ES256 verification costs more than a whole cached read. */
const CACHE_MAX_ENTRIES = 10_000;
const CACHE_MAX_MS = 60_000;

/** Channel tokens from the retailer's identity provider; used at experience-api only. */
@Injectable()
export class JwtVerifier implements AccessTokenVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;
  /** token → principal, until min(exp, 60 s); only tokens that passed every check get here. */
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly config: WeftConfig) {
    if (config.JWT_JWKS_URI) {
      // jose caches the set and refetches on an unknown kid at most once per cooldown: rotation without restart.
      this.key = createRemoteJWKSet(new URL(config.JWT_JWKS_URI), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
        timeoutDuration: 5_000,
      });
    } else if (config.JWT_PUBLIC_KEY) {
      this.key = createPublicKey(config.JWT_PUBLIC_KEY.replace(/\\n/g, '\n'));
    } else if (config.NODE_ENV !== 'production') {
      this.key = createPublicKey(ensureDevKeys(config.DEV_KEYS_DIR).publicKeyPem);
    } else {
      throw new ConfigValidationError(['JWT_PUBLIC_KEY', 'JWT_JWKS_URI'], 'JWT_PUBLIC_KEY or JWT_JWKS_URI must be set in production');
    }
  }

  async verify(token: string): Promise<Principal> {
    const hit = this.cache.get(token);
    if (hit && hit.until > Date.now()) return hit.principal;
    if (hit) this.cache.delete(token);
    const principal = await this.verifyUncached(token);
    const exp = typeof principal.claims.exp === 'number' ? principal.claims.exp * 1000 : 0;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(token, { principal, until: Math.min(exp, Date.now() + CACHE_MAX_MS) });
    return principal;
  }

  private async verifyUncached(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const result = await jwtVerify(token, this.key as JWTVerifyGetKey, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      if (result.protectedHeader.typ && !ACCEPTED_TYP.has(result.protectedHeader.typ.toLowerCase())) {
        throw invalidToken('The token type is not an access token.');
      }
      payload = result.payload;
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw invalidToken(describeJoseError(e));
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw invalidToken('The token has no subject.');
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    const partner = payload['partner_id'];
    return {
      sub: payload.sub,
      scopes: new Set(scope.split(' ').filter(Boolean)),
      partnerId: typeof partner === 'string' && partner ? partner : undefined,
      claims: payload,
    };
  }
}
