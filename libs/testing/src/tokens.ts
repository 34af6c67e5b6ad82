import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { ensureDevKeys } from '@weft/gateway';

export interface TokenOptions {
  sub?: string;
  scope?: string;
  partnerId?: string;
  /** More tenant claims: store_id (a POS register's store), shop or channel (a storefront). */
  claims?: Record<string, string>;
  issuer?: string;
  audience?: string;
  expiresIn?: string;
}

/** Signs a channel token with the suite's development key, as `npm run token` does. */
export async function devToken(env: Record<string, string>, options: TokenOptions = {}): Promise<string> {
  const keys = ensureDevKeys(env.DEV_KEYS_DIR);
  return new SignJWT({ scope: options.scope ?? '', ...(options.partnerId ? { partner_id: options.partnerId } : {}), ...options.claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: keys.kid })
    .setIssuer(options.issuer ?? env.JWT_ISSUER ?? 'https://weft.local/dev-issuer')
    .setAudience(options.audience ?? env.JWT_AUDIENCE ?? 'weft')
    .setSubject(options.sub ?? 'test-client')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(createPrivateKey(keys.privateKeyPem));
}
