import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { DevKeys, ensureDevKeys, ensureDevServiceKeys, ServiceName } from '@weft/gateway';

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

/** The suites' identity provider: its own issuer, audience and key, never the key Weft signs service tokens with. */
export const TEST_IDP = { issuer: 'https://idp.test.weft/', audience: 'weft-channels', kid: 'test-idp-1' } as const;

let idpKeys: DevKeys | undefined;

/** The test IdP's key pair, made once per test process (ES256). */
export function testIdpKeys(): DevKeys {
  if (!idpKeys) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    idpKeys = {
      kid: TEST_IDP.kid,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  return idpKeys;
}

/** What an app needs to trust the test IdP, as production points Weft at the retailer's IdP. */
export function testIdpEnv(): Record<string, string> {
  return { JWT_PUBLIC_KEY: testIdpKeys().publicKeyPem, JWT_ISSUER: TEST_IDP.issuer, JWT_AUDIENCE: TEST_IDP.audience };
}

/**
 * A channel token, as the retailer's IdP issues it: signed with the test IdP key when the env trusts it
 * (every testEnv() does), otherwise with the development channel key, as `npm run token` signs it.
 */
export async function devToken(env: Record<string, string>, options: TokenOptions = {}): Promise<string> {
  const idp = env.JWT_PUBLIC_KEY === testIdpKeys().publicKeyPem;
  const keys = idp ? testIdpKeys() : ensureDevKeys(env.DEV_KEYS_DIR);
  return new SignJWT({ scope: options.scope ?? '', ...(options.partnerId ? { partner_id: options.partnerId } : {}), ...options.claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: keys.kid })
    .setIssuer(options.issuer ?? env.JWT_ISSUER ?? 'https://weft.local/dev-issuer')
    .setAudience(options.audience ?? env.JWT_AUDIENCE ?? 'weft')
    .setSubject(options.sub ?? 'test-client')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(createPrivateKey(keys.privateKeyPem));
}

export interface ServiceTokenOptions {
  /** The receiving layer. */
  audience: ServiceName;
  scope: string;
  /** The calling layer; by default the one each layer accepts (experience-api → process-api → system-api). */
  sub?: string;
  /** Sign with this key instead of the suite's development service key (rotation tests). */
  key?: KeyObject;
  kid?: string;
  issuer?: string;
  expiresIn?: string;
}

/**
 * A Weft service token, as a layer mints it for the one below: what tests use to inspect process-api
 * and system-api directly. Signed with the suite's development service key unless `key` is given.
 */
export async function serviceToken(env: Record<string, string>, options: ServiceTokenOptions): Promise<string> {
  const dev = options.key ? undefined : ensureDevServiceKeys(env.DEV_KEYS_DIR);
  const key = options.key ?? createPrivateKey(dev!.privateKeyPem);
  return new SignJWT({ scope: options.scope })
    .setProtectedHeader({ alg: key.asymmetricKeyType === 'rsa' ? 'RS256' : 'ES256', typ: 'at+jwt', kid: options.kid ?? dev?.kid ?? 'test' })
    .setIssuer(options.issuer ?? env.SERVICE_JWT_ISSUER ?? 'https://weft.local/service')
    .setAudience(options.audience)
    .setSubject(options.sub ?? (options.audience === 'system-api' ? 'process-api' : 'experience-api'))
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key);
}
