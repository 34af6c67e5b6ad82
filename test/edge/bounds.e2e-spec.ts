import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { postShopifyWebhook, startStack, Stack } from '@weft/testing';
import { call, expectProblem, HttpResult, newKey } from '../gateway/http';

const line = (over: Record<string, unknown> = {}) => ({ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500, ...over });
const order = (over: Record<string, unknown> = {}) => ({ currency: 'USD', paymentStatus: 'paid', lines: [line()], ...over });
const sale = (over: Record<string, unknown> = {}) => ({
  saleId: 'bounds-1',
  occurredAt: new Date().toISOString(),
  currency: 'USD',
  lines: [line()],
  tenders: [{ type: 'cash', amountMinor: 2500 }],
  ...over,
});
const fields = (res: HttpResult): string[] => ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);

/** The bounds the contracts declare (maxLength, maxItems, maximum) are the ones validation enforces: 400, never 500. */
describe('bounded input at the edge', () => {
  let stack: Stack;
  let writer: string;

  beforeAll(async () => {
    stack = await startStack({ system: createSystemApi, process: createProcessApi, experience: createExperienceApi });
    writer = await stack.token({ sub: 'bounds-writer', scope: 'orders:write orders:read customers:read inventory:read pos:write' });
  });
  afterAll(() => stack.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(`${stack.urls.experience}${path}`, { method: 'POST', token: writer, body, headers: { 'idempotency-key': newKey(), ...headers } });
  const get = (path: string) => call(`${stack.urls.experience}${path}`, { token: writer });

  it.each([
    ['a SKU over 64 characters', order({ lines: [line({ sku: 'S'.repeat(65) })] }), 'lines.0.sku'],
    ['a quantity over 10,000', order({ lines: [line({ quantity: 10_001 })] }), 'lines.0.quantity'],
    ['a unit price over 10^9 minor units', order({ lines: [line({ unitPriceMinor: 1e9 + 1 })] }), 'lines.0.unitPriceMinor'],
    ['a quantity beyond 2^53', order({ lines: [line({ quantity: 2 ** 60 })] }), 'lines.0.quantity'],
    ['more than 200 lines', order({ lines: Array.from({ length: 201 }, () => line()) }), 'lines'],
    ['an external id over 120 characters', order({ externalId: 'x'.repeat(121) }), 'externalId'],
    ['a customer e-mail over 200 characters', order({ customer: { email: `${'a'.repeat(250)}@example.com` } }), 'customer.email'],
  ])('POST /v1/orders: %s is 400 validation', async (_what, body, field) => {
    const res = await post('/v1/orders', body);
    expectProblem(res, 400, 'validation');
    expect(fields(res)).toContain(field);
  });

  it.each([
    ['more than 500 sales', { storeId: 'STORE-001', registerId: 'R1', sales: Array.from({ length: 501 }, () => sale()) }, 'sales'],
    [
      'more than 200 lines in a sale',
      { storeId: 'STORE-001', registerId: 'R1', sales: [sale({ lines: Array.from({ length: 201 }, () => line()) })] },
      'sales.0.lines',
    ],
    [
      'more than 100 tenders',
      {
        storeId: 'STORE-001',
        registerId: 'R1',
        sales: [sale({ tenders: Array.from({ length: 101 }, () => ({ type: 'cash', amountMinor: 1 })) })],
      },
      'sales.0.tenders',
    ],
    [
      'a tender over 10^12 minor units',
      { storeId: 'STORE-001', registerId: 'R1', sales: [sale({ tenders: [{ type: 'cash', amountMinor: 1e12 + 1 }] })] },
      'sales.0.tenders.0.amountMinor',
    ],
  ])('POST /v1/pos/sales: %s is 400 validation', async (_what, body, field) => {
    const res = await post('/v1/pos/sales', body);
    expectProblem(res, 400, 'validation');
    expect(fields(res)).toContain(field);
  });

  it('lists at most 100 field errors, each clipped, however many properties are wrong', async () => {
    const junk = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`${'k'.repeat(400)}${i}`, i]));
    const res = await post('/v1/orders', order(junk));
    expectProblem(res, 400, 'validation');
    const errors = res.body.errors as { field: string; messages: string[] }[];
    expect(errors.length).toBe(100);
    expect(Math.max(...errors.map((e) => e.field.length))).toBeLessThanOrEqual(256);
    expect(Math.max(...errors.flatMap((e) => e.messages.map((m) => m.length)))).toBeLessThanOrEqual(512);
    expect((res.body.detail as string).length).toBeLessThanOrEqual(2048);
  });

  it.each([
    ['a query value over its maxLength', '/v1/customers?email=' + 'a'.repeat(255), 'email'],
    ['a SKU path segment over 64 characters', `/v1/inventory/${'S'.repeat(65)}`, 'sku'],
    ['a SKU path segment with characters outside the pattern', '/v1/inventory/a%20b', 'sku'],
    ['an order id that is not a UUID', '/v1/orders/not-a-uuid', undefined],
  ])('GET: %s is 400', async (_what, path, field) => {
    const res = await get(path);
    expectProblem(res, 400);
    if (field) expect(fields(res)).toContain(field);
  });

  it('an Idempotency-Key over 255 characters is 400', async () => {
    const res = await post('/v1/orders', order(), { 'idempotency-key': `"${'k'.repeat(300)}"` });
    expectProblem(res, 400, 'idempotency-key-invalid');
  });

  it('a Shopify header over its bound is 400 before the HMAC is computed', async () => {
    const res = await postShopifyWebhook(stack.urls.experience, `orders/${'x'.repeat(100)}`, '{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'validation', errors: [expect.objectContaining({ field: 'x-shopify-topic' })] });
  });

  it('does not echo the query in a problem instance (it may hold personal data)', async () => {
    const res = await get('/v1/customers?email=' + 'a'.repeat(255));
    expect(res.body.instance).toBe('/v1/customers');
  });

  it('inner layers enforce their bounds too (system-api path id)', async () => {
    const system = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
    const res = await call(`${stack.urls.system}/v1/erp/sales-orders/${'9'.repeat(65)}`, { token: system });
    expectProblem(res, 400, 'validation');
    expect(res.headers.get('ratelimit-policy')).toMatch(/^"service";q=\d+;w=\d+$/);
  });

  it('every edge response carries the RateLimit fields, errors included', async () => {
    const res = await post('/v1/orders', order({ lines: [] }));
    expectProblem(res, 400, 'validation');
    expect(res.headers.get('ratelimit')).toMatch(/^"writes";r=\d+;t=\d+$/);
    expect(res.headers.get('ratelimit-policy')).toMatch(/^"writes";q=\d+;w=\d+$/);
  });
});

describe('CORS follows CORS_ALLOWED_ORIGINS', () => {
  it('sends no CORS header by default, whatever the Origin', async () => {
    const stack = await startStack({ experience: createExperienceApi });
    try {
      const res = await call(`${stack.urls.experience}/v1/orders/00000000-0000-4000-8000-000000000000`, {
        headers: { origin: 'https://evil.example' },
      });
      expectProblem(res, 401);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${stack.urls.experience}/v1/orders`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await stack.close();
    }
  });

  it('allows exactly the listed origins, on errors too, and no other', async () => {
    const stack = await startStack(
      { experience: createExperienceApi },
      { CORS_ALLOWED_ORIGINS: 'https://shop.example.com,https://pos.example.com' },
    );
    try {
      const url = `${stack.urls.experience}/v1/orders/00000000-0000-4000-8000-000000000000`;
      const allowed = await call(url, { headers: { origin: 'https://shop.example.com' } });
      expectProblem(allowed, 401);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await call(url, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${stack.urls.experience}/v1/orders`, {
        method: 'OPTIONS',
        headers: { origin: 'https://pos.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://pos.example.com');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/i);
    } finally {
      await stack.close();
    }
  });
});
