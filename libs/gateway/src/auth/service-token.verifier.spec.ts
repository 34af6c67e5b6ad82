import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { loadConfig, WeftConfig } from '@weft/config';
import { DomainError, ErrorCode } from '@weft/problem';
import { ServiceTokenVerifier } from './service-token.verifier';

const ISS = 'https://weft.local/service';
const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();

function sign(key: KeyObject, claims: { sub?: string; aud?: string; iss?: string } = {}): Promise<string> {
  return new SignJWT({ scope: 'process:read' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
    .setIssuer(claims.iss ?? ISS)
    .setAudience(claims.aud ?? 'process-api')
    .setSubject(claims.sub ?? 'experience-api')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

const verifier = (env: Record<string, string>, layer: 'process-api' | 'system-api' = 'process-api') =>
  new ServiceTokenVerifier(loadConfig(WeftConfig, { NODE_ENV: 'test', DEV_KEYS_DIR: '/nonexistent', ...env }), layer);

async function refused(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(ErrorCode.INVALID_TOKEN);
  return (e as DomainError).detail;
}

describe('ServiceTokenVerifier with static keys (SERVICE_JWT_PUBLIC_KEYS)', () => {
  const old = pair();
  const current = pair();
  // Two PEM blocks, newlines escaped as an env file carries them: both keys are trusted during the change.
  const keys = `${pem(old.publicKey)}${pem(current.publicKey)}`.replace(/\n/g, '\\n');

  it('accepts a token signed by either key, naming the caller and its scopes', async () => {
    const v = verifier({ SERVICE_JWT_PUBLIC_KEYS: keys });
    for (const k of [old.privateKey, current.privateKey]) {
      const principal = await v.verify(await sign(k));
      expect(principal.sub).toBe('experience-api');
      expect([...principal.scopes]).toEqual(['process:read']);
    }
  });

  it('refuses another key, another issuer, another audience and a caller off the allow-list', async () => {
    const v = verifier({ SERVICE_JWT_PUBLIC_KEYS: keys });
    expect(await refused(v.verify(await sign(pair().privateKey)))).toMatch(/signature/);
    expect(await refused(v.verify(await sign(current.privateKey, { iss: 'https://idp.example/' })))).toMatch(/iss/);
    expect(await refused(v.verify(await sign(current.privateKey, { aud: 'system-api' })))).toMatch(/aud/);
    expect(await refused(v.verify(await sign(current.privateKey, { sub: 'partner-x' })))).toMatch(/not allowed to call process-api/);
  });

  it('uses the default allow-list per layer, and SERVICE_ALLOWED_CALLERS when set', async () => {
    expect(verifier({ SERVICE_JWT_PUBLIC_KEYS: keys }).callers).toEqual(['experience-api', 'system-api', 'weft-cli']);
    expect(verifier({ SERVICE_JWT_PUBLIC_KEYS: keys }, 'system-api').callers).toEqual(['process-api', 'weft-cli']);
    const narrowed = verifier({ SERVICE_JWT_PUBLIC_KEYS: keys, SERVICE_ALLOWED_CALLERS: 'experience-api' });
    await refused(narrowed.verify(await sign(current.privateKey, { sub: 'system-api' })));
  });

  it('refuses to start in production without keys to trust', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signing = { SERVICE_JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), SERVICE_JWT_KID: 'prod-1' };
    expect(() => new ServiceTokenVerifier(loadConfig(WeftConfig, { NODE_ENV: 'production', ...signing }), 'system-api')).toThrow(
      /SERVICE_JWKS_URIS or SERVICE_JWT_PUBLIC_KEYS/,
    );
  });
});
