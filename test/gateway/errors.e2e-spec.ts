import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { devToken, testEnv } from '@weft/testing';
import { call, expectProblem, newKey } from './http';
import { createWidgetsApp, urlOf } from './widgets.app';

describe('validation and errors as problem+json', () => {
  let app: NestFastifyApplication;
  let base: string;
  let token: string;

  beforeAll(async () => {
    const env = testEnv({ BODY_LIMIT_BYTES: '2048' });
    app = await createWidgetsApp(env);
    base = urlOf(app);
    token = await devToken(env, { scope: 'orders:write inventory:read' });
  });
  afterAll(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    call(`${base}/v1/widgets`, { method: 'POST', token, body, headers: { 'idempotency-key': newKey(), ...headers } });

  it('answers 400 with `errors` naming an unknown property', async () => {
    const res = await post({ name: 'a', quantity: 1, colour: 'red' });
    expectProblem(res, 400, 'validation');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'colour', messages: [expect.stringContaining('should not exist')] }),
    ]);
  });

  it('answers 400 for a wrong type, naming the field', async () => {
    const res = await post({ name: 42, quantity: 1 });
    expectProblem(res, 400, 'validation');
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['name']);
  });

  it('answers 413 for a body over BODY_LIMIT_BYTES', async () => {
    const res = await post({ name: 'x'.repeat(4096), quantity: 1 });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('answers 400 for invalid JSON', async () => {
    const res = await post('{"name": "a",');
    expectProblem(res, 400, 'malformed-request');
  });

  it.each(['application/xml', 'text/plain'])('answers 415 for content-type %s', async (type) => {
    const res = await post('<widget/>', { 'content-type': type });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('answers 500 for a plain Error without leaking its message or stack', async () => {
    const res = await call(`${base}/v1/widgets/boom`, { token });
    expectProblem(res, 500, 'internal');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/hunter2|secret\.ts|at \w+ \(/);
    expect(res.body.stack).toBeUndefined();
    expect(res.body.detail).toBe('The request could not be completed.');
  });

  it('carries the caller X-Request-Id as correlationId', async () => {
    const res = await call(`${base}/v1/widgets/boom`, { token, headers: { 'x-request-id': 'err-probe-1' } });
    expect(res.headers.get('x-request-id')).toBe('err-probe-1');
    expect(res.body.correlationId).toBe('err-probe-1');
    expect(res.body.instance).toBe('/v1/widgets/boom');
  });
});
