import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DevKeys } from '@weft/gateway';
import { devToken, testEnv, testIdpKeys } from '@weft/testing';
import { call, expectProblem } from './http';
import { hmacWithPublicPem, signPem, unsignedToken } from './jwt-tokens';
import { createWidgetsApp, urlOf } from './widgets.app';

const INVALID_TOKEN = /^Bearer error="invalid_token"/;

describe('JWT at the edge', () => {
  let app: NestFastifyApplication;
  let base: string;
  let env: Record<string, string>;
  let keys: DevKeys;

  beforeAll(async () => {
    env = testEnv();
    app = await createWidgetsApp(env);
    base = urlOf(app);
    keys = testIdpKeys();
  });
  afterAll(() => app.close());

  const list = (token?: string) => call(`${base}/v1/widgets`, { token });

  it('accepts a token from the configured identity provider and identifies the caller by sub', async () => {
    const res = await list(await devToken(env, { sub: 'pos-store-7', scope: 'inventory:read' }));
    expect(res.status).toBe(200);
    expect(res.body.sub).toBe('pos-store-7');
  });

  it('answers 401 with a Bearer challenge when no token is sent', async () => {
    const res = await list();
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  const rejected: [string, () => Promise<string>][] = [
    ['a garbage token', async () => 'not.a.jwt'],
    ['alg none', async () => unsignedToken({ scope: 'inventory:read' })],
    ['HS256 signed with the public key PEM', () => hmacWithPublicPem(keys.publicKeyPem, { scope: 'inventory:read' })],
    ['a wrong issuer', () => signPem(keys.privateKeyPem, 'ES256', { iss: 'https://evil.example', scope: 'inventory:read' })],
    ['a wrong audience', () => signPem(keys.privateKeyPem, 'ES256', { aud: 'someone-else', scope: 'inventory:read' })],
    ['a token expired 60 s ago', () => signPem(keys.privateKeyPem, 'ES256', { exp: -60, scope: 'inventory:read' })],
    ['a token not valid for another 60 s', () => signPem(keys.privateKeyPem, 'ES256', { nbf: 60, scope: 'inventory:read' })],
  ];
  it.each(rejected)('answers 401 invalid_token for %s', async (_, make) => {
    const res = await list(await make());
    expectProblem(res, 401, 'invalid-token');
    expect(res.headers.get('www-authenticate')).toMatch(INVALID_TOKEN);
  });

  it('tolerates 30 s of clock skew: expired 20 s ago or valid in 20 s passes', async () => {
    expect((await list(await signPem(keys.privateKeyPem, 'ES256', { exp: -20, scope: 'inventory:read' }))).status).toBe(200);
    expect((await list(await signPem(keys.privateKeyPem, 'ES256', { nbf: 20, scope: 'inventory:read' }))).status).toBe(200);
  });

  it('answers 403 insufficient_scope when the route scope is missing from the space-delimited scope claim', async () => {
    const res = await list(await devToken(env, { scope: 'orders:read orders:write' }));
    expectProblem(res, 403, 'insufficient-scope');
    expect(res.body.requiredScopes).toEqual(['inventory:read']);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="inventory:read"');
  });

  it('lets a @Public() route through without a token', async () => {
    // The widget webhook checks its own stand-in signature instead of a token.
    expect(
      (await call(`${base}/v1/webhooks/widgets`, { method: 'POST', body: {}, headers: { 'x-widget-signature': 'valid' } })).status,
    ).toBe(202);
  });
});
