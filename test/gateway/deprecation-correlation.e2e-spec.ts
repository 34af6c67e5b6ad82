import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { devToken, testEnv } from '@weft/testing';
import { call } from './http';
import { createWidgetsApp, urlOf } from './widgets.app';

const DEPRECATIONS = [
  {
    method: 'GET',
    path: '/v1/widgets/:id',
    deprecatedAt: '2023-06-30T23:59:59Z',
    sunsetAt: '2026-12-31T00:00:00Z',
    successor: '/v2/widgets/{id}',
  },
  { method: 'get', path: '/v1/widgets/boom', deprecatedAt: '2024-01-01T00:00:00Z' },
];

describe('deprecation headers and correlation', () => {
  let app: NestFastifyApplication;
  let base: string;
  let token: string;
  let downstream: Server;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    downstream = createServer((req, res) => {
      received.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"echo":true}');
    });
    await new Promise<void>((r) => downstream.listen(0, '127.0.0.1', r));
    const env = testEnv({ DEPRECATIONS: JSON.stringify(DEPRECATIONS) });
    app = await createWidgetsApp(env, `http://127.0.0.1:${(downstream.address() as AddressInfo).port}`);
    base = urlOf(app);
    token = await devToken(env, { scope: 'inventory:read orders:write' });
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((r) => downstream.close(() => r()));
  });

  it('announces a deprecated route with Deprecation (RFC 9745), Sunset (RFC 8594) and a successor Link', async () => {
    const res = await call(`${base}/v1/widgets/w-1`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toBe(`@${Date.parse('2023-06-30T23:59:59Z') / 1000}`);
    expect(res.headers.get('sunset')).toBe('Thu, 31 Dec 2026 00:00:00 GMT');
    expect(res.headers.get('link')).toBe('</v2/widgets/{id}>; rel="successor-version"');
  });

  it('announces it on error responses of the route too, and without Sunset/Link when the entry has none', async () => {
    const failed = await call(`${base}/v1/widgets/boom`, { token });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('deprecation')).toBe(`@${Date.parse('2024-01-01T00:00:00Z') / 1000}`);
    expect(failed.headers.get('sunset')).toBeNull();
    expect(failed.headers.get('link')).toBeNull();
  });

  it('leaves other routes alone', async () => {
    const res = await call(`${base}/v1/widgets`, { token });
    expect(res.headers.get('deprecation')).toBeNull();
    expect(res.headers.get('sunset')).toBeNull();
  });

  it('echoes a valid X-Request-Id and generates one otherwise', async () => {
    expect((await call(`${base}/v1/widgets`, { token, headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe(
      'abc-123',
    );
    const generated = (await call(`${base}/v1/widgets`, { token, headers: { 'x-request-id': 'bad id with spaces' } })).headers.get(
      'x-request-id',
    );
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('continues the caller trace downstream: same x-request-id and trace-id, a new parent span', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    received.length = 0;
    const res = await call(`${base}/v1/widgets/relay`, {
      token,
      headers: { 'x-request-id': 'trace-probe-9', traceparent: `00-${traceId}-${parent}-01` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ echo: true });
    expect(received).toHaveLength(1);
    expect(received[0]['x-request-id']).toBe('trace-probe-9');
    const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(received[0].traceparent));
    expect(m).not.toBeNull();
    expect(m![1]).toBe(traceId);
    expect(m![2]).not.toBe(parent);
    expect(received[0].authorization).toMatch(/^Bearer /);
  });

  it('starts a new trace when the caller sent none', async () => {
    received.length = 0;
    await call(`${base}/v1/widgets/relay`, { token });
    expect(String(received[0].traceparent)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(received[0]['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
