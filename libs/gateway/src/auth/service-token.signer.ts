import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { exportJWK, JWK, SignJWT } from 'jose';
import { ConfigValidationError, WeftConfig } from '@weft/config';
import { ensureDevServiceKeys } from './dev-keys';
import { ServiceName } from './service-trust';

const LIFETIME_SECONDS = 300;

const algOf = (key: KeyObject): 'RS256' | 'ES256' => (key.asymmetricKeyType === 'rsa' ? 'RS256' : 'ES256');

/** Mints the short-lived service tokens one layer presents to another, and publishes their public keys. */
@Injectable()
export class ServiceTokenSigner {
  private readonly key: KeyObject;
  private readonly kid: string;
  private readonly previous?: { key: KeyObject; kid: string };
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  constructor(private readonly config: WeftConfig) {
    if (config.SERVICE_JWT_PRIVATE_KEY) {
      if (!config.SERVICE_JWT_KID) {
        throw new ConfigValidationError(['SERVICE_JWT_KID'], 'SERVICE_JWT_KID must name the key SERVICE_JWT_PRIVATE_KEY holds');
      }
      this.key = createPrivateKey(config.SERVICE_JWT_PRIVATE_KEY.replace(/\\n/g, '\n'));
      this.kid = config.SERVICE_JWT_KID;
    } else if (config.NODE_ENV !== 'production') {
      const dev = ensureDevServiceKeys(config.DEV_KEYS_DIR);
      this.key = createPrivateKey(dev.privateKeyPem);
      this.kid = dev.kid;
    } else {
      throw new ConfigValidationError(['SERVICE_JWT_PRIVATE_KEY'], 'SERVICE_JWT_PRIVATE_KEY must be set in production');
    }
    if (config.SERVICE_JWT_PREVIOUS_PUBLIC_KEY) {
      if (!config.SERVICE_JWT_PREVIOUS_KID) {
        throw new ConfigValidationError(['SERVICE_JWT_PREVIOUS_KID'], 'SERVICE_JWT_PREVIOUS_KID must name SERVICE_JWT_PREVIOUS_PUBLIC_KEY');
      }
      this.previous = {
        key: createPublicKey(config.SERVICE_JWT_PREVIOUS_PUBLIC_KEY.replace(/\\n/g, '\n')),
        kid: config.SERVICE_JWT_PREVIOUS_KID,
      };
    }
  }

  /** A token for `audience` (the receiving layer), as `subject` (this layer), with `scope`. */
  async token(subject: ServiceName, audience: ServiceName, scope: string): Promise<string> {
    const cacheKey = `${subject} ${audience} ${scope}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const token = await new SignJWT({ scope })
      .setProtectedHeader({ alg: algOf(this.key), typ: 'at+jwt', kid: this.kid })
      .setIssuer(this.config.SERVICE_JWT_ISSUER)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(this.key);
    this.cache.set(cacheKey, { token, renewAt: Date.now() + (LIFETIME_SECONDS - 60) * 1000 });
    return token;
  }

  /** The public half of the current key and, during a change, of the previous one: what receivers trust. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const entries = [{ key: createPublicKey(this.key), kid: this.kid }, ...(this.previous ? [this.previous] : [])];
    const keys = await Promise.all(entries.map(async (e) => ({ ...(await exportJWK(e.key)), kid: e.kid, alg: algOf(e.key), use: 'sig' })));
    return { keys };
  }
}
