import { randomUUID } from 'node:crypto';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { postShopifyWebhook, startStack, Stack } from '@weft/testing';
import { call, expectProblem, newKey } from '../gateway/http';

/** {"a":{"a":…}} nested `depth` levels: 5,000 used to overflow the stack of the idempotency fingerprint (a 500). */
const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const DEEP = nested(5000);

/** Every experience-api route that takes a JSON body, with the scope it needs (openapi/experience-api.v1.json). */
const EDGE_BODY_ROUTES: [string, string][] = [
  ['/v1/orders', 'orders:write'],
  ['/v1/returns', 'returns:write'],
  [`/v1/returns/${randomUUID()}/receipt`, 'returns:write'],
  ['/v1/pos/sales', 'pos:write'],
  ['/v1/pos/returns', 'pos:write'],
  [`/v1/customers/${randomUUID()}/merge`, 'ops:write'],
];

describe('JSON nesting depth is bounded at parsing', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ system: createSystemApi, process: createProcessApi, experience: createExperienceApi });
  });
  afterAll(() => stack.close());

  it.each(EDGE_BODY_ROUTES)('experience-api POST %s: a 5,000-level body is 400 problem+json', async (path, scope) => {
    const token = await stack.token({ sub: `deep-${scope}`, scope });
    const res = await call(`${stack.urls.experience}${path}`, {
      method: 'POST',
      token,
      body: DEEP,
      headers: { 'idempotency-key': newKey() },
    });
    expectProblem(res, 400, 'malformed-request');
    expect(res.body.detail).toMatch(/nests deeper than 64 levels/);
  });

  it('experience-api POST /v1/webhooks/shopify: a signed 5,000-level body is 400 before the raw body is used', async () => {
    const res = await postShopifyWebhook(stack.urls.experience, 'orders/create', DEEP);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'malformed-request', status: 400 });
  });

  it('answers before any other work: the token is not even looked at, and no idempotency record is kept', async () => {
    const unauthenticated = await call(`${stack.urls.experience}/v1/orders`, { method: 'POST', body: DEEP });
    expectProblem(unauthenticated, 400, 'malformed-request');

    const token = await stack.token({ sub: 'deep-replay', scope: 'orders:write' });
    const key = newKey();
    const deep = await call(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      token,
      body: DEEP,
      headers: { 'idempotency-key': key },
    });
    expectProblem(deep, 400, 'malformed-request');
    // The same key with another body would be a 422 (idempotency-key-reused) had the deep request been recorded.
    const next = await call(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      token,
      body: { currency: 'EUR' },
      headers: { 'idempotency-key': key },
    });
    expectProblem(next, 400, 'validation');
  });

  it('admits a body at the limit (64 levels) as far as validation', async () => {
    const token = await stack.token({ sub: 'deep-64', scope: 'orders:write' });
    const res = await call(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      token,
      body: `{"currency":"EUR","extra":${nested(63)}}`,
      headers: { 'idempotency-key': newKey() },
    });
    expectProblem(res, 400, 'validation');
  });

  it.each([
    ['process', '/v1/orders'],
    ['process', '/v1/channel-events'],
    ['process', '/v1/pos/sales'],
    ['system', '/v1/erp/sales-orders'],
    ['system', '/v1/crm/contacts'],
  ] as const)('%s-api POST %s: a 5,000-level body is 400 problem+json', async (layer, path) => {
    const res = await call(`${stack.urls[layer]}${path}`, { method: 'POST', body: DEEP });
    expectProblem(res, 400, 'malformed-request');
  });
});
