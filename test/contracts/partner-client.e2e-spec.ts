import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import createClient from 'openapi-fetch';
import { ContractValidator, startStack, Stack } from '@weft/testing';
import type { paths } from '../../openapi/client/experience-api.v1';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';

const CONTRACT = join(__dirname, '..', '..', 'openapi', 'experience-api.v1.json');

/**
 * A partner integrating from the published contract alone: the generated client (openapi-typescript +
 * openapi-fetch), and every response it sees checked against the contract.
 */
describe('partner client generated from openapi/experience-api.v1.json', () => {
  let stack: Stack;
  let validator: ContractValidator;
  let checkedFetch: typeof fetch;
  let client: ReturnType<typeof createClient<paths>>;
  const ref = `PX-${randomUUID().slice(0, 8)}`;
  const key = `"${randomUUID()}"`;
  const body = {
    externalId: ref,
    currency: 'USD',
    lines: [{ sku: 'SKU2006-001', quantity: 1, unitPriceMinor: 8999 }],
    customer: { email: 'ada.demo@example.com', firstName: 'Ada', lastName: 'Demo' },
    paymentStatus: 'paid' as const,
  };

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    validator = ContractValidator.fromFile(CONTRACT);
    checkedFetch = validator.wrapFetch();
    const token = await stack.token({ scope: 'orders:read orders:write', sub: 'partner-x', partnerId: 'partner-x' });
    client = createClient<paths>({ baseUrl: stack.urls.experience, fetch: checkedFetch, headers: { authorization: `Bearer ${token}` } });
  });
  afterAll(() => stack.close());

  it('places an order with an Idempotency-Key, and a retry with the same key replays it', async () => {
    const first = await client.POST('/v1/orders', { params: { header: { 'Idempotency-Key': key } }, body });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({
      externalId: `partner-x:${ref}`,
      partnerId: 'partner-x',
      currency: 'USD',
      totals: { totalMinor: 8999 },
    });
    expect(first.response.headers.get('ratelimit-policy')).toMatch(/^"writes";q=\d+;w=\d+$/);

    const retry = await client.POST('/v1/orders', { params: { header: { 'Idempotency-Key': key } }, body });
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.data?.id).toBe(first.data?.id);
  });

  it('reads the order back by id and lists it by source and external id', async () => {
    const [order] =
      (await client.GET('/v1/orders', { params: { query: { source: 'partner', externalId: `partner-x:${ref}` } } })).data ?? [];
    expect(order).toBeDefined();
    const read = await client.GET('/v1/orders/{id}', { params: { path: { id: order.id } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({
      id: order.id,
      externalId: `partner-x:${ref}`,
      lines: [{ sku: 'SKU2006-001', quantity: 1, unitPriceMinor: 8999 }],
    });
  });

  it('gets the documented problem+json for the errors a partner meets', async () => {
    const missing = await client.GET('/v1/orders/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'not-found', status: 404 });

    const invalid = await client.POST('/v1/orders', {
      params: { header: { 'Idempotency-Key': `"${randomUUID()}"` } },
      body: { ...body, lines: [{ sku: 'SKU2006-001', quantity: 0, unitPriceMinor: 8999 }] },
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error).toMatchObject({ code: 'validation', errors: [expect.objectContaining({ field: 'lines.0.quantity' })] });

    const noKey = await checkedFetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await stack.token({ scope: 'orders:write', sub: 'partner-x', partnerId: 'partner-x' })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ code: 'idempotency-key-missing' });

    const anonymous = await checkedFetch(`${stack.urls.experience}/v1/orders?source=partner&externalId=x`);
    expect(anonymous.status).toBe(401);
    const readOnly = await checkedFetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await stack.token({ scope: 'orders:read', sub: 'partner-y' })}`,
        'content-type': 'application/json',
        'idempotency-key': `"${randomUUID()}"`,
      },
      body: JSON.stringify(body),
    });
    expect(readOnly.status).toBe(403);
  });

  it('saw only responses the contract documents, bodies included', () => {
    expect(validator.checked.length).toBeGreaterThanOrEqual(9);
    expect(validator.checked.every((c) => c.operationId)).toBe(true);
    expect(validator.violations()).toEqual([]);
  });
});
