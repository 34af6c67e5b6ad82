import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { orderKeyFromIdempotencyKey } from '../apps/experience-api/src/orders/orders.service';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { startStack, Stack, waitFor } from '@weft/testing';

/** process-api answers slower than the edge waits (the ERP checks take longer than the edge's timeout). */
describe('storefront retry after a 504 at the edge', () => {
  let stack: Stack;
  let shop: string;

  beforeAll(async () => {
    stack = await startStack(
      {
        system: createSystemApi,
        process: createProcessApi,
        experience: (env) => createExperienceApi({ ...env, DOWNSTREAM_TIMEOUT_MS: '1500' }),
      },
      { WORKFLOW_POLL_MS: '50', ERP_LATENCY_MS: '1000', DOWNSTREAM_TIMEOUT_MS: '10000' },
    );
    shop = await stack.token({ sub: 'web-shop', scope: 'orders:read orders:write', claims: { channel: 'web-shop' } });
  });
  afterAll(() => stack.close());

  const body = { currency: 'USD', paymentStatus: 'paid', lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }] };
  const place = (key: string) =>
    fetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop}`, 'content-type': 'application/json', 'idempotency-key': `"${key}"` },
      body: JSON.stringify(body),
    });
  const ordersFor = async (key: string) => {
    // The storefront's tenant prefix, then the key scoped by client.
    const externalId = `web-shop:${orderKeyFromIdempotencyKey('web-shop', key)}`;
    const res = await fetch(`${stack.urls.experience}/v1/orders?source=storefront&externalId=${externalId}`, {
      headers: { authorization: `Bearer ${shop}` },
    });
    // A read the loaded edge could not answer in time is asked again, not counted as "no order".
    return res.status === 200 ? ((await res.json()) as { id: string }[]) : undefined;
  };

  it('returns the order the timed-out attempt created, never a second one', async () => {
    const first = await place('checkout-42');
    expect(first.status).toBe(504);
    expect(first.headers.get('content-type')).toMatch(/application\/problem\+json/);

    // Behind the 504 the order went through: it exists once, keyed on the client's Idempotency-Key.
    const behind = await waitFor(
      'the order behind the 504',
      () => ordersFor('checkout-42'),
      (o) => o?.length === 1,
    );

    const retry = await place('checkout-42');
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { id: string }).id).toBe(behind![0].id);
    const after = await waitFor(
      'a read',
      () => ordersFor('checkout-42'),
      (o) => o !== undefined,
    );
    expect(after).toHaveLength(1);
  });
});
