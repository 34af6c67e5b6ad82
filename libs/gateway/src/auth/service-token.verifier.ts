import { createPublicKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { ConfigValidationError, WeftConfig } from '@weft/config';
import { DomainError } from '@weft/problem';
import { ensureDevServiceKeys } from './dev-keys';
import { ACCEPTED_TYP, ALLOWED_ALGORITHMS, AccessTokenVerifier, CLOCK_SKEW_SECONDS, describeJoseError, invalidToken } from './jwt.verifier';
import { Principal } from './principal';
import { DEFAULT_ALLOWED_CALLERS, ServiceName } from './service-trust';

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;
const CACHE_MAX_ENTRIES = 1_000;
const CACHE_MAX_MS = 60_000;

/**
 * Whether a failure means "not this key (or this caller's set is unreachable), try the next one" rather than
 * "this token is bad": a key of another type is a TypeError; claims are checked only after a signature verifies.
 */
const wrongKey = (e: unknown): boolean =>
  e instanceof TypeError ||
  e instanceof errors.JWSSignatureVerificationFailed ||
  e instanceof errors.JWKSNoMatchingKey ||
  e instanceof errors.JWKSTimeout ||
  e instanceof errors.JWKSInvalid ||
  (e instanceof errors.JOSEError && e.code === 'ERR_JOSE_GENERIC');

/**
 * Service tokens, and nothing else, at process-api and system-api: Weft's own issuer, this layer as the
 * audience, a caller on this layer's allow-list, signed by a key the callers publish. Several keys are
 * trusted at once (every key of every caller's JWKS, plus any static ones), which is what lets a key
 * change without a moment where either the old or the new key is refused.
 */
export class ServiceTokenVerifier implements AccessTokenVerifier {
  private readonly staticKeys: KeyObject[];
  private readonly remoteSets: JWTVerifyGetKey[];
  private readonly allowed: ReadonlySet<string>;
  private readonly options: JWTVerifyOptions;
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    config: WeftConfig,
    readonly layer: 'process-api' | 'system-api',
  ) {
    this.staticKeys = (config.SERVICE_JWT_PUBLIC_KEYS?.replace(/\\n/g, '\n').match(PEM_BLOCK) ?? []).map((pem) => createPublicKey(pem));
    this.remoteSets = (config.SERVICE_JWKS_URIS?.split(',') ?? [])
      .filter(Boolean)
      .map((uri) => createRemoteJWKSet(new URL(uri), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 }));
    if (this.staticKeys.length === 0 && this.remoteSets.length === 0) {
      if (config.NODE_ENV === 'production') {
        throw new ConfigValidationError(
          ['SERVICE_JWKS_URIS', 'SERVICE_JWT_PUBLIC_KEYS'],
          'SERVICE_JWKS_URIS or SERVICE_JWT_PUBLIC_KEYS must be set in production',
        );
      }
      this.staticKeys.push(createPublicKey(ensureDevServiceKeys(config.DEV_KEYS_DIR).publicKeyPem));
    }
    const callers: string[] = config.SERVICE_ALLOWED_CALLERS?.split(',') ?? DEFAULT_ALLOWED_CALLERS[layer];
    this.allowed = new Set(callers);
    this.options = {
      algorithms: ALLOWED_ALGORITHMS,
      issuer: config.SERVICE_JWT_ISSUER,
      audience: layer,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp', 'sub', 'iat'],
    };
  }

  /** The callers this layer accepts. */
  get callers(): ServiceName[] {
    return [...this.allowed] as ServiceName[];
  }

  async verify(token: string): Promise<Principal> {
    const hit = this.cache.get(token);
    if (hit && hit.until > Date.now()) return hit.principal;
    if (hit) this.cache.delete(token);
    const payload = await this.verifySignatureAndClaims(token);
    if (typeof payload.sub !== 'string' || !this.allowed.has(payload.sub)) {
      throw invalidToken(`The caller is not allowed to call ${this.layer}.`);
    }
    const principal: Principal = {
      sub: payload.sub,
      scopes: new Set((typeof payload.scope === 'string' ? payload.scope : '').split(' ').filter(Boolean)),
      claims: payload,
    };
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(token, { principal, until: Math.min((payload.exp ?? 0) * 1000, Date.now() + CACHE_MAX_MS) });
    return principal;
  }

  private async verifySignatureAndClaims(token: string): Promise<JWTPayload> {
    let last: unknown = new errors.JWKSNoMatchingKey();
    for (const key of [...this.staticKeys, ...this.remoteSets]) {
      try {
        const result = await jwtVerify(token, key as JWTVerifyGetKey, this.options);
        if (result.protectedHeader.typ && !ACCEPTED_TYP.has(result.protectedHeader.typ.toLowerCase())) {
          throw invalidToken('The token type is not an access token.');
        }
        return result.payload;
      } catch (e) {
        if (e instanceof DomainError) throw e;
        if (!wrongKey(e)) throw invalidToken(describeJoseError(e));
        last = e;
      }
    }
    throw invalidToken(describeJoseError(last));
  }
}
