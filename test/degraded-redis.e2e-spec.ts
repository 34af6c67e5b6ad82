import type Redis from 'ioredis';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { REDIS } from '@weft/platform';
import { freePort, OwnServer, startOwnRedis, startStack, Stack, waitFor } from '@weft/testing';

const READS_LIMIT = 6;

/** README "Degraded modes": the stack on a Redis of the suite's own (on a free port), killed and started again mid-test. */
describe('Redis down at the edge', () => {
  let redis: OwnServer;
  let stack: Stack;
  let edgeRedis: Redis;
  let tenantScope = '';

  beforeAll(async () => {
    redis = await startOwnRedis(await freePort());
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { REDIS_URL: redis.url, THROTTLE_READS_LIMIT: String(READS_LIMIT), THROTTLE_READS_WINDOW_SECONDS: '600' },
    );
    edgeRedis = stack.apps[2].get<symbol, Redis>(REDIS);
  });
  afterAll(async () => {
    await stack.close();
    await redis.kill();
  });

  const headers = async (sub: string, key?: string): Promise<Record<string, string>> => ({
    authorization: `Bearer ${await stack.token({ sub, scope: 'orders:read orders:write', partnerId: 'partner-r' })}`,
    'content-type': 'application/json',
    ...(key ? { 'idempotency-key': `"${key}"` } : {}),
  });
  const place = async (key: string, externalId: string): Promise<Response> =>
    fetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: await headers('partner-r', key),
      body: JSON.stringify({
        externalId,
        currency: 'USD',
        paymentStatus: 'paid',
        lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }],
      }),
    });
  const ordersWith = async (externalId: string): Promise<{ id: string }[]> =>
    (await (
      await fetch(`${stack.urls.experience}/v1/orders?source=partner&externalId=${tenantScope}${externalId}`, {
        headers: await headers('partner-r'),
      })
    ).json()) as { id: string }[];

  it('reads keep working, throttled by a per-process limit; Idempotency-Key writes answer 503 with Retry-After and persist nothing', async () => {
    const before = await place('redis-up-1', 'PO-REDIS-UP');
    expect(before.status).toBe(201);
    const placed = (await before.json()) as { id: string; externalId: string };
    // The edge scopes a channel's reference by its tenant: the lookups below use the same scoping.
    tenantScope = placed.externalId.slice(0, -'PO-REDIS-UP'.length);
    expect(await ordersWith('PO-REDIS-UP')).toHaveLength(1);

    await redis.kill();
    await waitFor(
      'the edge to see Redis gone',
      async () => edgeRedis.status,
      (s) => s !== 'ready',
    );

    const read = await fetch(`${stack.urls.experience}/v1/orders/${placed.id}`, { headers: await headers('partner-r') });
    expect(read.status).toBe(200);
    expect(read.headers.get('ratelimit')).toMatch(/^"reads";r=\d+;t=\d+$/);

    // Fails open to a local limit, not to unlimited: the reader's budget runs out in this process.
    const reader = await headers('local-reader');
    const statuses: number[] = [];
    for (let i = 0; i < READS_LIMIT + 2; i++) {
      statuses.push((await fetch(`${stack.urls.experience}/v1/orders/${placed.id}`, { headers: reader })).status);
    }
    expect(statuses.slice(0, READS_LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(READS_LIMIT)).toEqual([429, 429]);

    const refused = await place('redis-down-1', 'PO-REDIS-DOWN');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('downstream-unavailable');
    expect(await ordersWith('PO-REDIS-DOWN')).toEqual([]);

    const ready = await fetch(`${stack.urls.experience}/health/ready`);
    const health = (await ready.json()) as { details: Record<string, { status: string; impact?: string }> };
    expect(ready.status).toBe(200);
    expect(health.details.redis).toEqual({ status: 'degraded', impact: expect.stringMatching(/503/) });
  });

  it('returns to shared limits and stored idempotent answers when Redis is back, without a restart', async () => {
    if (edgeRedis.status === 'ready') await redis.kill();
    await redis.start();
    await waitFor(
      'the edge to reconnect',
      async () => edgeRedis.status,
      (s) => s === 'ready',
    );

    const first = await place('redis-down-1', 'PO-REDIS-DOWN');
    expect(first.status).toBe(201);
    const again = await place('redis-down-1', 'PO-REDIS-DOWN');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await ordersWith('PO-REDIS-DOWN')).toHaveLength(1);

    // The shared counter is back in Redis: the restarted (empty) Redis holds the reader's window.
    const reader = await headers('shared-reader');
    expect(
      (await fetch(`${stack.urls.experience}/v1/orders?source=partner&externalId=none`, { headers: reader })).headers.get('ratelimit'),
    ).toMatch(new RegExp(`^"reads";r=${READS_LIMIT - 1};`));
    const keys = await edgeRedis.keys(`${stack.env.REDIS_KEY_PREFIX ?? 'weft:'}throttle:reads:sub:shared-reader`);
    expect(keys).toHaveLength(1);
    const ready = (await (await fetch(`${stack.urls.experience}/health/ready`)).json()) as { details: Record<string, { status: string }> };
    expect(ready.details.redis.status).toBe('up');
  });
});
