import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { ReferenceErpAdapter } from '../apps/system-api/src/erp/reference/reference.erp-adapter';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { REDIS } from '@weft/platform';
import { freePort, OwnServer, startOwnRedis, startStack, Stack, waitFor } from '@weft/testing';

/** Shared by both replicas' reference ERPs: what the ERP itself would see in flight and when calls start. */
interface ErpProbe {
  inFlight: number;
  maxInFlight: number;
  starts: number[];
}

function observe(stack: Stack, probe: ErpProbe): void {
  const erp = stack.apps[0].get(ReferenceErpAdapter);
  const getStock = erp.getStock.bind(erp);
  jest.spyOn(erp, 'getStock').mockImplementation(async (skus) => {
    probe.inFlight++;
    probe.maxInFlight = Math.max(probe.maxInFlight, probe.inFlight);
    probe.starts.push(Date.now());
    try {
      return await getStock(skus);
    } finally {
      probe.inFlight--;
    }
  });
}

async function stockCalls(stack: Stack, n: number): Promise<number[]> {
  const token = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
  const res = await Promise.all(
    Array.from({ length: n }, () =>
      fetch(`${stack.urls.system}/v1/erp/stock?skus=SKU2006-001`, { headers: { authorization: `Bearer ${token}` } }),
    ),
  );
  return res.map((r) => r.status);
}

/** Two system-api replicas on one Redis of the suite's own (on a free port), as two deployments' pods would be. */
async function twoReplicas(redis: OwnServer, prefix: string, overrides: Record<string, string>): Promise<Stack[]> {
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, ...overrides };
  return [await startStack({ system: createSystemApi }, env), await startStack({ system: createSystemApi }, env)];
}

describe('the ERP governance limit holds across system-api replicas', () => {
  let redis: OwnServer;
  let replicas: Stack[] = [];
  let probe: ErpProbe;
  const prefix = `gov_${randomBytes(3).toString('hex')}:`;

  beforeAll(async () => {
    redis = await startOwnRedis(await freePort());
  });
  afterAll(async () => {
    await redis.kill();
  });
  afterEach(async () => {
    for (const s of replicas) await s.close();
    replicas = [];
  });
  beforeEach(() => {
    probe = { inFlight: 0, maxInFlight: 0, starts: [] };
  });

  it('never has more than 5 calls in flight at the ERP from both replicas together', async () => {
    replicas = await twoReplicas(redis, prefix, { ERP_LATENCY_MS: '80', ERP_CONCURRENCY_LIMIT: '5' });
    replicas.forEach((s) => observe(s, probe));
    const statuses = (await Promise.all(replicas.map((s) => stockCalls(s, 20)))).flat();
    expect(statuses).toEqual(Array(40).fill(200));
    expect(probe.starts).toHaveLength(40);
    // Each replica alone keeps 5 in flight: without the shared limit the ERP would see up to 10.
    expect(probe.maxInFlight).toBeLessThanOrEqual(5);
    expect(probe.maxInFlight).toBeGreaterThanOrEqual(3);
  });

  it('starts at most ERP_RATE_LIMIT calls per window across both replicas', async () => {
    replicas = await twoReplicas(redis, `${prefix}rate:`, { ERP_RATE_LIMIT: '5', ERP_RATE_WINDOW_MS: '1000' });
    replicas.forEach((s) => observe(s, probe));
    const statuses = (await Promise.all(replicas.map((s) => stockCalls(s, 8)))).flat();
    expect(statuses).toEqual(Array(16).fill(200));
    // 16 calls at 5 per window need 4 windows (more than 2 s from the first to the last start); a limit per
    // replica would send each one's 8 in 2 windows, within about 1 s.
    const starts = [...probe.starts].sort((a, b) => a - b);
    expect(starts.at(-1)! - starts[0]).toBeGreaterThanOrEqual(1_900);
  });

  it('frees the slots of a replica that died holding them when their leases lapse', async () => {
    replicas = await twoReplicas(redis, `${prefix}lease:`, { ERP_CONCURRENCY_LIMIT: '5' });
    replicas.forEach((s) => observe(s, probe));
    const client = new Redis(redis.url);
    try {
      // A replica killed mid-call: its five leases stay until they expire (700 ms here; ERP_LEASE_MS, renewed while a call runs, in production).
      const [seconds, micros] = await client.time();
      const leaseEnd = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) + 700;
      const slots = `${prefix}lease:erp:reference:slots`;
      for (let i = 0; i < 5; i++) await client.zadd(slots, leaseEnd, `dead-replica-${i}`);
      const statuses = await stockCalls(replicas[0], 3);
      expect(statuses).toEqual([200, 200, 200]);
      expect(Math.min(...probe.starts)).toBeGreaterThanOrEqual(leaseEnd - 5);
      expect(await client.zrangebyscore(slots, '-inf', '+inf')).not.toContain('dead-replica-0');
    } finally {
      client.disconnect();
    }
  });

  it('keeps calling the ERP within a per-process limit while Redis is down, and shares the limit again once it is back', async () => {
    replicas = await twoReplicas(redis, `${prefix}down:`, { ERP_LATENCY_MS: '200', ERP_CONCURRENCY_LIMIT: '5' });
    replicas.forEach((s) => observe(s, probe));
    const connections = replicas.map((s) => s.apps[0].get<symbol, Redis>(REDIS));
    await redis.kill();
    try {
      await waitFor(
        'both replicas to see Redis gone',
        async () => connections.map((c) => c.status),
        (st) => st.every((x) => x !== 'ready'),
      );
      const statuses = (await Promise.all(replicas.map((s) => stockCalls(s, 10)))).flat();
      expect(statuses).toEqual(Array(20).fill(200));
      // Each process keeps its own 5 (so the ERP sees more than 5, never more than 10).
      expect(probe.maxInFlight).toBeGreaterThan(5);
      expect(probe.maxInFlight).toBeLessThanOrEqual(10);
    } finally {
      await redis.start();
    }
    // No restart: ioredis reconnects, and the next calls take shared slots again.
    await waitFor(
      'both replicas to reconnect',
      async () => connections.map((c) => c.status),
      (st) => st.every((x) => x === 'ready'),
    );
    probe.maxInFlight = 0;
    const statuses = (await Promise.all(replicas.map((s) => stockCalls(s, 10)))).flat();
    expect(statuses).toEqual(Array(20).fill(200));
    expect(probe.maxInFlight).toBeLessThanOrEqual(5);
  });
});
