import { Injectable } from '@nestjs/common';
import { createPrivateKey, KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { WeftConfig } from '@weft/config';
import { ensureDevKeys } from './dev-keys';

const LIFETIME_SECONDS = 300;

/** Mints the short-lived access tokens one layer presents to the layer below it. */
@Injectable()
export class ServiceTokenSigner {
  private readonly key: KeyObject;
  private readonly kid?: string;
  private readonly cache = new Map<string, { token: string; renewAt: number }>();

  constructor(private readonly config: WeftConfig) {
    if (config.SERVICE_JWT_PRIVATE_KEY) {
      this.key = createPrivateKey(config.SERVICE_JWT_PRIVATE_KEY.replace(/\\n/g, '\n'));
      this.kid = config.SERVICE_JWT_KID;
    } else {
      const dev = ensureDevKeys(config.DEV_KEYS_DIR);
      this.key = createPrivateKey(dev.privateKeyPem);
      this.kid = dev.kid;
    }
  }

  async token(subject: string, scope: string): Promise<string> {
    const cacheKey = `${subject} ${scope}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const alg = this.key.asymmetricKeyType === 'rsa' ? 'RS256' : 'ES256';
    const token = await new SignJWT({ scope })
      .setProtectedHeader({ alg, typ: 'at+jwt', ...(this.kid ? { kid: this.kid } : {}) })
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(this.key);
    this.cache.set(cacheKey, { token, renewAt: Date.now() + (LIFETIME_SECONDS - 60) * 1000 });
    return token;
  }
}
