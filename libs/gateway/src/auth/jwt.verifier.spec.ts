import { createSecretKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { loadConfig, WeftConfig } from '@weft/config';
import { DomainError, ErrorCode } from '@weft/problem';
import { CLOCK_SKEW_SECONDS, JwtVerifier } from './jwt.verifier';

const ISS = 'https://idp.example/';
const AUD = 'weft-edge';
const now = (): number => Math.floor(Date.now() / 1000);

function sign(
  key: KeyObject,
  alg: string,
  opts: { kid?: string; exp?: number; nbf?: number; iss?: string; aud?: string; scope?: string; sub?: string } = {},
): Promise<string> {
  const jwt = new SignJWT({ scope: opts.scope ?? 'orders:read orders:write' })
    .setProtectedHeader({ alg, ...(opts.kid ? { kid: opts.kid } : {}) })
    .setIssuer(opts.iss ?? ISS)
    .setAudience(opts.aud ?? AUD)
    .setIssuedAt(now() - 120)
    .setExpirationTime(now() + (opts.exp ?? 300));
  if (opts.sub !== '') jwt.setSubject(opts.sub ?? 'client-1');
  if (opts.nbf !== undefined) jwt.setNotBefore(now() + opts.nbf);
  return jwt.sign(key);
}

function verifierFor(env: Record<string, string>): JwtVerifier {
  return new JwtVerifier(
    loadConfig(WeftConfig, { NODE_ENV: 'test', JWT_ISSUER: ISS, JWT_AUDIENCE: AUD, DEV_KEYS_DIR: '/nonexistent', ...env }),
  );
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(ErrorCode.INVALID_TOKEN);
  expect((e as DomainError).headers['WWW-Authenticate']).toMatch(/^Bearer error="invalid_token"/);
  return e as DomainError;
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();

describe.each([
  ['RS256', 'an RSA', rsa],
  ['ES256', 'an EC P-256', ec],
] as const)('JwtVerifier with JWT_PUBLIC_KEY (%s, %s key)', (alg, _, pair) => {
  const verifier = verifierFor({ JWT_PUBLIC_KEY: pem(pair.publicKey) });

  it('accepts a valid token; sub is the identity and scope is split on spaces', async () => {
    const principal = await verifier.verify(await sign(pair.privateKey, alg, { sub: 'pos-7', scope: 'orders:read  inventory:read' }));
    expect(principal.sub).toBe('pos-7');
    expect([...principal.scopes]).toEqual(['orders:read', 'inventory:read']);
  });

  it('accepts the PEM with escaped newlines, as env files carry it', async () => {
    const escaped = verifierFor({ JWT_PUBLIC_KEY: pem(pair.publicKey).replace(/\n/g, '\\n') });
    expect((await escaped.verify(await sign(pair.privateKey, alg))).sub).toBe('client-1');
  });

  it('rejects alg none', async () => {
    const b64 = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    await rejection(verifier.verify(`${b64({ alg: 'none' })}.${b64({ sub: 'x', iss: ISS, aud: AUD, exp: now() + 60 })}.`));
  });

  it('rejects HS256 signed with the public key PEM as the HMAC secret', async () => {
    const e = await rejection(verifier.verify(await sign(createSecretKey(Buffer.from(pem(pair.publicKey))), 'HS256')));
    expect(e.detail).toMatch(/algorithm/);
  });

  it('rejects a token signed by another key', async () => {
    const other =
      alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await rejection(verifier.verify(await sign(other.privateKey, alg)));
  });

  it('checks JWT_ISSUER and JWT_AUDIENCE', async () => {
    expect((await rejection(verifier.verify(await sign(pair.privateKey, alg, { iss: 'https://other/' })))).detail).toMatch(/iss/);
    expect((await rejection(verifier.verify(await sign(pair.privateKey, alg, { aud: 'other' })))).detail).toMatch(/aud/);
  });

  it(`allows ${CLOCK_SKEW_SECONDS} s of skew on exp and nbf, not more`, async () => {
    await expect(verifier.verify(await sign(pair.privateKey, alg, { exp: -20 }))).resolves.toBeDefined();
    await expect(verifier.verify(await sign(pair.privateKey, alg, { nbf: 20 }))).resolves.toBeDefined();
    expect((await rejection(verifier.verify(await sign(pair.privateKey, alg, { exp: -60 })))).detail).toMatch(/expired/);
    expect((await rejection(verifier.verify(await sign(pair.privateKey, alg, { nbf: 60 })))).detail).toMatch(/nbf/);
  });

  it('requires a subject', async () => {
    await rejection(verifier.verify(await sign(pair.privateKey, alg, { sub: '' })));
  });
});

describe('JwtVerifier with JWT_JWKS_URI', () => {
  let server: Server;
  let jwks: { keys: object[] } = { keys: [] };
  let fetches = 0;
  let uri: string;
  const keyA = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyB = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = async (k: KeyObject, kid: string, alg: string): Promise<object> => ({ ...(await exportJWK(k)), kid, alg, use: 'sig' });

  beforeAll(async () => {
    server = createServer((_, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  afterEach(() => jest.useRealTimers());

  it('verifies against the fetched set and picks up a rotated key on an unknown kid, without restart', async () => {
    jwks = { keys: [await jwk(keyA.publicKey, 'a', 'ES256')] };
    fetches = 0;
    const verifier = verifierFor({ JWT_JWKS_URI: uri });
    expect((await verifier.verify(await sign(keyA.privateKey, 'ES256', { kid: 'a' }))).sub).toBe('client-1');
    expect(fetches).toBe(1);

    // The IdP rotates: key b (RS256) is published and used. Within the cooldown an unknown kid is not refetched...
    jwks = { keys: [await jwk(keyA.publicKey, 'a', 'ES256'), await jwk(keyB.publicKey, 'b', 'RS256')] };
    const tokenB = await sign(keyB.privateKey, 'RS256', { kid: 'b' });
    expect((await rejection(verifier.verify(tokenB))).detail).toMatch(/unknown key/);
    expect(fetches).toBe(1);

    // ...after it, the first unknown kid triggers exactly one refetch and the new key verifies.
    const later = Date.now() + 31_000;
    jest.spyOn(Date, 'now').mockImplementation(() => later);
    expect((await verifier.verify(tokenB)).sub).toBe('client-1');
    expect(fetches).toBe(2);
    expect((await verifier.verify(tokenB)).sub).toBe('client-1');
    expect(fetches).toBe(2);
  });

  it('refetches at most once per cooldown for a flood of unknown kids', async () => {
    jwks = { keys: [await jwk(keyA.publicKey, 'a', 'ES256')] };
    fetches = 0;
    const verifier = verifierFor({ JWT_JWKS_URI: uri });
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 5; i++) await rejection(verifier.verify(await sign(stranger.privateKey, 'ES256', { kid: `x${i}` })));
    expect(fetches).toBe(1);
  });

  it('still applies the alg allow-list to JWKS keys', async () => {
    jwks = { keys: [{ kty: 'oct', k: Buffer.from('secret-secret-secret-secret-1234').toString('base64url'), kid: 'h', alg: 'HS256' }] };
    const verifier = verifierFor({ JWT_JWKS_URI: uri });
    await rejection(verifier.verify(await sign(createSecretKey(Buffer.from('secret-secret-secret-secret-1234')), 'HS256', { kid: 'h' })));
  });
});

describe('JwtVerifier cache of verified tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('never serves a cached token past its expiry (plus the allowed skew)', async () => {
    const verifier = verifierFor({ JWT_PUBLIC_KEY: pem(ec.publicKey) });
    const token = await sign(ec.privateKey, 'ES256', { exp: 10 });
    expect((await verifier.verify(token)).sub).toBe('client-1');
    expect((await verifier.verify(token)).sub).toBe('client-1');
    const later = Date.now() + (10 + CLOCK_SKEW_SECONDS + 5) * 1000;
    // Fakes the clock only (Date and Date.now), which both the cache and jose read.
    jest.useFakeTimers({
      doNotFake: ['setTimeout', 'setInterval', 'setImmediate', 'nextTick', 'queueMicrotask', 'clearTimeout', 'clearInterval'],
    });
    jest.setSystemTime(later);
    await rejection(verifier.verify(token));
  });

  it('does not cache a rejected token', async () => {
    const verifier = verifierFor({ JWT_PUBLIC_KEY: pem(ec.publicKey) });
    const foreign = await sign(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'ES256');
    await rejection(verifier.verify(foreign));
    await rejection(verifier.verify(foreign));
  });
});
