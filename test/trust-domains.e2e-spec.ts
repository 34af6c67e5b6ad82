import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { ensureDevKeys, ensureDevServiceKeys } from '@weft/gateway';
import { startStack, Stack, TEST_IDP } from '@weft/testing';
import { call, expectProblem } from './gateway/http';

const APPS = { system: createSystemApi, process: createProcessApi, experience: createExperienceApi };
const pem = (k: KeyObject): string => k.export({ type: 'spki', format: 'pem' }).toString();
const ecPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** One read route per layer: what each answers to the token it is given. */
const routes = (stack: Stack) => ({
  experience: `${stack.urls.experience}/v1/orders?source=shopify&externalId=trust-1`,
  process: `${stack.urls.process}/v1/orders?source=shopify&externalId=trust-1`,
  system: `${stack.urls.system}/v1/erp/stock?skus=SKU2006-001`,
});

describe('two trust domains: channel tokens at the edge, service tokens inside', () => {
  let stack: Stack;
  let url: ReturnType<typeof routes>;

  beforeAll(async () => {
    stack = await startStack(APPS);
    url = routes(stack);
  });
  afterAll(() => stack.close());

  it('accepts a channel token from the IdP at the edge, and a service token for each inner layer', async () => {
    expect((await call(url.experience, { token: await stack.token({ scope: 'orders:read' }) })).status).toBe(200);
    expect((await call(url.process, { token: await stack.serviceToken({ audience: 'process-api', scope: 'process:read' }) })).status).toBe(
      200,
    );
    expect((await call(url.system, { token: await stack.serviceToken({ audience: 'system-api', scope: 'system:read' }) })).status).toBe(
      200,
    );
  });

  it('refuses an IdP token at process-api and system-api (401), however it is scoped and whoever it names', async () => {
    for (const sub of ['ops-console', 'experience-api', 'process-api']) {
      const idp = await stack.token({ sub, scope: 'process:read process:write system:read system:write ops:read ops:write' });
      for (const target of [url.process, url.system]) {
        const res = await call(target, { token: idp });
        expectProblem(res, 401, 'invalid-token');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      }
    }
  });

  it('refuses a service token at the edge: Weft never trusts its own keys for channel callers', async () => {
    const res = await call(url.experience, { token: await stack.serviceToken({ audience: 'process-api', scope: 'orders:read' }) });
    expectProblem(res, 401, 'invalid-token');
  });

  it('refuses a service token addressed to another layer', async () => {
    // Callers each layer would accept, so only the audience is wrong.
    const forProcess = await stack.serviceToken({ audience: 'process-api', sub: 'process-api', scope: 'system:read' });
    const res = await call(url.system, { token: forProcess });
    expectProblem(res, 401, 'invalid-token');
    expect(res.body.detail).toMatch(/aud/);
    const forSystem = await stack.serviceToken({ audience: 'system-api', sub: 'experience-api', scope: 'process:read' });
    const atProcess = await call(url.process, { token: forSystem });
    expectProblem(atProcess, 401, 'invalid-token');
    expect(atProcess.body.detail).toMatch(/aud/);
    // A token minted for the edge's own name is no service token for either inner layer.
    for (const target of [url.process, url.system]) {
      const forEdge = await stack.serviceToken({ audience: 'experience-api', sub: 'process-api', scope: 'process:read system:read' });
      expectProblem(await call(target, { token: forEdge }), 401, 'invalid-token');
    }
  });

  it('refuses a caller that is not on the layer allow-list', async () => {
    // The edge may not skip process-api; an unknown service may call nobody.
    const edgeToSystem = await call(url.system, {
      token: await stack.serviceToken({ audience: 'system-api', sub: 'experience-api', scope: 'system:read' }),
    });
    expectProblem(edgeToSystem, 401, 'invalid-token');
    expect(edgeToSystem.body.detail).toMatch(/caller is not allowed to call system-api/);
    const rogue = await call(url.process, {
      token: await stack.serviceToken({ audience: 'process-api', sub: 'rogue', scope: 'process:read' }),
    });
    expectProblem(rogue, 401, 'invalid-token');
  });

  it("refuses a service token with another issuer, or signed by the IdP's key", async () => {
    const otherIssuer = await stack.serviceToken({ audience: 'process-api', scope: 'process:read', issuer: TEST_IDP.issuer });
    expectProblem(await call(url.process, { token: otherIssuer }), 401, 'invalid-token');
    const idpSigned = await stack.token({
      sub: 'experience-api',
      scope: 'process:read',
      issuer: stack.env.SERVICE_JWT_ISSUER ?? 'https://weft.local/service',
      audience: 'process-api',
    });
    expectProblem(await call(url.process, { token: idpSigned }), 401, 'invalid-token');
  });

  it('publishes each layer service key at /.well-known/jwks.json; in development the service key is not the channel key', async () => {
    const service = ensureDevServiceKeys(stack.env.DEV_KEYS_DIR);
    for (const base of Object.values(stack.urls)) {
      const res = await call(`${base}/.well-known/jwks.json`);
      expect(res.status).toBe(200);
      expect((res.body.keys as { kid: string; alg: string; d?: string }[]).map((k) => [k.kid, k.alg, k.d])).toEqual([
        [service.kid, 'ES256', undefined],
      ]);
    }
    expect(ensureDevKeys(stack.env.DEV_KEYS_DIR).publicKeyPem).not.toBe(service.publicKeyPem);
  });
});

describe('service key rotation', () => {
  const previous = ecPair();
  const current = ecPair();
  let stack: Stack;
  let url: ReturnType<typeof routes>;

  beforeAll(async () => {
    // Every layer signs with the new key and still publishes the old one; the receivers read the callers' JWKS.
    stack = await startStack(APPS, (urls) => ({
      SERVICE_JWT_PRIVATE_KEY: current.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      SERVICE_JWT_KID: 'svc-2',
      SERVICE_JWT_PREVIOUS_PUBLIC_KEY: pem(previous.publicKey),
      SERVICE_JWT_PREVIOUS_KID: 'svc-1',
      SERVICE_JWKS_URIS: `${urls.experience}/.well-known/jwks.json,${urls.system}/.well-known/jwks.json,${urls.process}/.well-known/jwks.json`,
    }));
    url = routes(stack);
  });
  afterAll(() => stack.close());

  it('publishes the current and the previous key', async () => {
    const res = await call(`${stack.urls.experience}/.well-known/jwks.json`);
    expect((res.body.keys as { kid: string }[]).map((k) => k.kid)).toEqual(['svc-2', 'svc-1']);
  });

  it('accepts tokens signed with the previous and with the current key at both inner layers, and refuses any other key', async () => {
    for (const [key, kid] of [
      [previous.privateKey, 'svc-1'],
      [current.privateKey, 'svc-2'],
    ] as const) {
      expect(
        (await call(url.process, { token: await stack.serviceToken({ audience: 'process-api', scope: 'process:read', key, kid }) })).status,
      ).toBe(200);
      expect(
        (await call(url.system, { token: await stack.serviceToken({ audience: 'system-api', scope: 'system:read', key, kid }) })).status,
      ).toBe(200);
    }
    const stranger = ecPair().privateKey;
    for (const kid of ['svc-2', 'svc-9']) {
      const res = await call(url.process, {
        token: await stack.serviceToken({ audience: 'process-api', scope: 'process:read', key: stranger, kid }),
      });
      expectProblem(res, 401, 'invalid-token');
    }
  });

  it('carries an edge request through all three layers on the new key', async () => {
    // A storefront order: the edge calls process-api, which prices and reserves it at system-api, synchronously.
    const token = await stack.token({ sub: 'storefront-eu', scope: 'orders:write' });
    const res = await call(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      token,
      headers: { 'idempotency-key': '"trust-rotation-1"' },
      body: {
        externalId: 'trust-rotation-1',
        currency: 'USD',
        paymentStatus: 'paid',
        lines: [{ sku: 'SKU2006-001', quantity: 1, unitPriceMinor: 8999 }],
        customer: { email: 'ada.demo@example.com' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ externalId: 'storefront-eu:trust-rotation-1', state: expect.any(String) });
  });
});
