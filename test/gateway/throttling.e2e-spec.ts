import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { devToken, REAL_URLS, testEnv } from '@weft/testing';
import { call, expectProblem } from './http';
import { createWidgetsApp, urlOf } from './widgets.app';

const LIMITS = {
  THROTTLE_READS_LIMIT: '3',
  THROTTLE_READS_WINDOW_SECONDS: '60',
  THROTTLE_WRITES_LIMIT: '2',
  THROTTLE_WRITES_WINDOW_SECONDS: '30',
  THROTTLE_WEBHOOKS_LIMIT: '2',
  THROTTLE_WEBHOOKS_WINDOW_SECONDS: '45',
};
const SCOPE = 'inventory:read orders:write';

describe('throttling', () => {
  let app: NestFastifyApplication;
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = testEnv(LIMITS);
    app = await createWidgetsApp(env);
    base = urlOf(app);
  });
  afterAll(() => app.close());

  it('spends the reads budget on GET and answers with IETF RateLimit fields, not X-RateLimit', async () => {
    const token = await devToken(env, { sub: 'reader', scope: SCOPE });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(`${base}/v1/widgets`, { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"reads";q=3;w=60');
      const field = res.headers.get('ratelimit')!;
      expect(field).toMatch(/^"reads";r=\d+;t=\d+$/);
      expect(Number(/;t=(\d+)/.exec(field)![1])).toBeLessThanOrEqual(60);
      remaining.push(/;r=(\d+)/.exec(field)![1]);
      expect([...res.headers.keys()].filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await call(`${base}/v1/widgets`, { token });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit')).toMatch(/^"reads";r=0;t=\d+$/);
  });

  it('keys budgets on the token sub: another client is unaffected', async () => {
    const other = await devToken(env, { sub: 'reader-2', scope: SCOPE });
    const res = await call(`${base}/v1/widgets`, { token: other });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit')).toMatch(/^"reads";r=2;/);
  });

  it('spends the writes budget on POST, separate from reads', async () => {
    const token = await devToken(env, { sub: 'writer', scope: SCOPE });
    expect((await call(`${base}/v1/widgets`, { token })).headers.get('ratelimit')).toMatch(/^"reads";r=2;/);
    const first = await call(`${base}/v1/widgets/ping`, { method: 'POST', token });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"writes";q=2;w=30');
    expect(first.headers.get('ratelimit')).toMatch(/^"writes";r=1;t=\d+$/);
    expect((await call(`${base}/v1/widgets/ping`, { method: 'POST', token })).status).toBe(200);
    const limited = await call(`${base}/v1/widgets/ping`, { method: 'POST', token });
    expectProblem(limited, 429, 'rate-limited');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('keys a @RateLimitPolicy("webhooks") route on the verified sender, after the signature check', async () => {
    const hit = (sender: string) =>
      call(`${base}/v1/webhooks/widgets`, {
        method: 'POST',
        body: {},
        headers: { 'x-widget-signature': 'valid', 'x-widget-sender': sender },
      });
    const first = await hit('north');
    expect(first.status).toBe(202);
    expect(first.headers.get('ratelimit-policy')).toBe('"webhooks";q=2;w=45');
    expect((await hit('north')).status).toBe(202);
    expectProblem(await hit('north'), 429, 'rate-limited');
    // Another sender has its own budget.
    expect((await hit('south')).status).toBe(202);
  });

  it('never throttles health', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await call(`${base}/health/live`);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit')).toBeNull();
    }
  });
});

// Always runs: Redis is reachable on this machine (REAL_URLS.REDIS_URL, default 127.0.0.1:6379).
describe('throttling shared by two replicas on one Redis', () => {
  const apps: NestFastifyApplication[] = [];
  let env: Record<string, string>;
  let prefix: string;

  beforeAll(async () => {
    prefix = `t_${randomBytes(4).toString('hex')}:`;
    env = testEnv({ ...LIMITS, THROTTLE_WRITES_LIMIT: '4', REDIS_URL: REAL_URLS.REDIS_URL, REDIS_KEY_PREFIX: prefix });
    // Two instances, one Redis and key prefix; each its own data dir as separate replicas would have.
    apps.push(await createWidgetsApp(env));
    apps.push(await createWidgetsApp({ ...env, WEFT_DATA_DIR: `${env.WEFT_DATA_DIR}-2` }));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('counts requests split across both instances against one limit', async () => {
    const token = await devToken(env, { sub: 'replicated', scope: SCOPE });
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(`${urlOf(apps[i % 2])}/v1/widgets/ping`, { method: 'POST', token });
      statuses.push(res.status);
      remaining.push(/;r=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1] ?? '?');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(remaining).toEqual(['3', '2', '1', '0', '0', '0']);
    const redis = new Redis(REAL_URLS.REDIS_URL);
    try {
      const keys = await redis.keys(`*${prefix}throttle:writes:sub:replicated*`);
      expect(keys.length).toBeGreaterThan(0);
      // One counter per policy and caller, under the deployment's prefix: what RedisThrottlerStorage's script increments.
      expect(keys).toEqual([`${prefix}throttle:writes:sub:replicated`]);
    } finally {
      redis.disconnect();
    }
  });
});

describe('unauthenticated traffic is limited per client address before any signature work', () => {
  let app: NestFastifyApplication;
  let base: string;
  let token: string;

  beforeAll(async () => {
    const env = testEnv({
      ...LIMITS,
      THROTTLE_UNAUTHENTICATED_LIMIT: '3',
      THROTTLE_UNAUTHENTICATED_WINDOW_SECONDS: '60',
      TRUST_PROXY: 'true',
    });
    app = await createWidgetsApp(env);
    base = urlOf(app);
    token = await devToken(env, { scope: SCOPE });
  });
  afterAll(() => app.close());

  const from = (address: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...extra });

  it('counts missing tokens, bad tokens and bad signatures against the address, then answers 429 without looking', async () => {
    expectProblem(await call(`${base}/v1/widgets`, { headers: from('203.0.113.7') }), 401, 'unauthenticated');
    expectProblem(await call(`${base}/v1/widgets`, { headers: from('203.0.113.7', { authorization: 'Bearer not.a.jwt' }) }), 401);
    const badSignature = { method: 'POST', body: {}, headers: from('203.0.113.7', { 'x-widget-signature': 'forged' }) };
    expectProblem(await call(`${base}/v1/webhooks/widgets`, badSignature), 401, 'invalid-signature');
    const limited = await call(`${base}/v1/webhooks/widgets`, badSignature);
    expectProblem(limited, 429, 'rate-limited');
    expect(limited.headers.get('ratelimit-policy')).toBe('"unauthenticated";q=3;w=60');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Even a valid token from that address waits: the check comes before verification.
    expectProblem(await call(`${base}/v1/widgets`, { token, headers: from('203.0.113.7') }), 429, 'rate-limited');
  });

  it('leaves other addresses, and authenticated traffic that succeeds, untouched', async () => {
    for (let i = 0; i < 3; i++) expect((await call(`${base}/v1/widgets`, { token, headers: from('198.51.100.20') })).status).toBe(200);
    const signed = {
      method: 'POST',
      body: {},
      headers: from('198.51.100.21', { 'x-widget-signature': 'valid', 'x-widget-sender': 'west' }),
    };
    expect((await call(`${base}/v1/webhooks/widgets`, signed)).status).toBe(202);
  });
});
