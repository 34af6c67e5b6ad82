import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { devToken, REAL_INFRA, testEnv, waitFor } from '@weft/testing';
import { call, expectProblem, newKey } from './http';
import { createWidgetsApp, urlOf, WidgetLedger } from './widgets.app';

describe(`idempotency (${REAL_INFRA ? 'Redis' : 'embedded database'} store)`, () => {
  let app: NestFastifyApplication;
  let base: string;
  let env: Record<string, string>;
  let ledger: WidgetLedger;
  const tokens: Record<string, string> = {};
  const token = async (sub: string): Promise<string> =>
    (tokens[sub] ??= await devToken(env, { sub, scope: 'orders:write inventory:read' }));

  beforeAll(async () => {
    env = testEnv();
    app = await createWidgetsApp(env);
    base = urlOf(app);
    ledger = app.get(WidgetLedger);
  });
  afterAll(() => app.close());

  const create = async (key: string | undefined, body: unknown, sub = 'client-a') =>
    call(`${base}/v1/widgets`, {
      method: 'POST',
      token: await token(sub),
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('answers 400 idempotency-key-missing on a required route without the header', async () => {
    const res = await create(undefined, { name: 'nokey', quantity: 1 });
    expectProblem(res, 400, 'idempotency-key-missing');
    expect(ledger.executions.get('create:nokey')).toBeUndefined();
  });

  it.each([
    ['empty sf-string', '""'],
    ['over 255 characters', `"${'k'.repeat(256)}"`],
    ['not an sf-string', '"unterminated'],
  ])('answers 400 idempotency-key-invalid for an %s key', async (_, key) => {
    const res = await create(key, { name: 'badkey', quantity: 1 });
    expectProblem(res, 400, 'idempotency-key-invalid');
    expect(ledger.executions.get('create:badkey')).toBeUndefined();
  });

  it('replays the stored status, Location, body for the same key, with Idempotent-Replayed: true', async () => {
    const key = newKey();
    const first = await create(key, { name: 'replay', quantity: 2 });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await create(key, { quantity: 2, name: 'replay' }); // same JSON, other key order
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(again.body).toEqual(first.body);
    expect(ledger.executions.get('create:replay')).toBe(1);
  });

  it('accepts the key as a bare token too (leniency)', async () => {
    const bare = newKey().slice(1, -1);
    const first = await create(bare, { name: 'bare', quantity: 1 });
    const quoted = await create(`"${bare}"`, { name: 'bare', quantity: 1 });
    expect(first.status).toBe(201);
    expect(quoted.headers.get('idempotent-replayed')).toBe('true');
    expect(ledger.executions.get('create:bare')).toBe(1);
  });

  it('answers 422 idempotency-key-reused for the same key with a different payload', async () => {
    const key = newKey();
    expect((await create(key, { name: 'reuse', quantity: 1 })).status).toBe(201);
    const res = await create(key, { name: 'reuse', quantity: 9 });
    expectProblem(res, 422, 'idempotency-key-reused');
    expect(ledger.executions.get('create:reuse')).toBe(1);
  });

  it('scopes keys by client: another sub with the same key runs its own request', async () => {
    const key = newKey();
    const a = await create(key, { name: 'scoped', quantity: 1 }, 'client-a');
    const b = await create(key, { name: 'scoped', quantity: 1 }, 'client-b');
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.execution).toBe(2);
    expect(a.body.execution).toBe(1);
  });

  it('runs the handler once for two concurrent requests with one key; the other is 409 or a replay', async () => {
    const key = newKey();
    const [x, y] = await Promise.all([
      create(key, { name: 'race', quantity: 1, delayMs: 400 }),
      create(key, { name: 'race', quantity: 1, delayMs: 400 }),
    ]);
    expect(ledger.executions.get('create:race')).toBe(1);
    const statuses = [x.status, y.status].sort();
    expect(statuses[0]).toBe(201);
    const other = x.status === 201 && !x.headers.get('idempotent-replayed') ? y : x;
    if (other.status === 409) {
      expectProblem(other, 409, 'idempotency-request-in-flight');
      expect(other.headers.get('retry-after')).toBe('1');
    } else {
      expect(other.headers.get('idempotent-replayed')).toBe('true');
    }
    const after = await create(key, { name: 'race', quantity: 1, delayMs: 400 });
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(ledger.executions.get('create:race')).toBe(1);
  });

  it('answers 409 while the first request is in flight', async () => {
    const key = newKey();
    const slow = create(key, { name: 'inflight', quantity: 1, delayMs: 3000 });
    // The handler counts its execution on entry: from then on the key is claimed and in flight.
    await waitFor(
      'the first request in its handler',
      async () => ledger.executions.get('create:inflight'),
      (n) => n === 1,
    );
    const res = await create(key, { name: 'inflight', quantity: 1, delayMs: 3000 });
    expectProblem(res, 409, 'idempotency-request-in-flight');
    expect((await slow).status).toBe(201);
  });

  it('does not store a request rejected by validation: the key stays usable', async () => {
    const key = newKey();
    const invalid = await create(key, { name: 'val', quantity: 'many' });
    expectProblem(invalid, 400, 'validation');
    const valid = await create(key, { name: 'val', quantity: 1 });
    expect(valid.status).toBe(201);
    expect(valid.headers.get('idempotent-replayed')).toBeNull();
  });

  it('does not store a 5xx: a retry with the same key runs the handler again', async () => {
    const key = newKey();
    const failed = await call(`${base}/v1/widgets/flaky`, {
      method: 'POST',
      token: await token('client-a'),
      body: { name: 'f', quantity: 1 },
      headers: { 'idempotency-key': key },
    });
    expectProblem(failed, 500, 'internal');
    const retried = await call(`${base}/v1/widgets/flaky`, {
      method: 'POST',
      token: await token('client-a'),
      body: { name: 'f', quantity: 1 },
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual({ execution: 2 });
  });

  it('stores a handler 4xx outcome and replays it as problem+json', async () => {
    const key = newKey();
    const send = async () =>
      call(`${base}/v1/widgets/reject`, {
        method: 'POST',
        token: await token('client-a'),
        body: { name: 'r', quantity: 1 },
        headers: { 'idempotency-key': key },
      });
    const first = await send();
    expectProblem(first, 422, 'business-rule-violation');
    const again = await send();
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.body.detail).toBe(first.body.detail);
    expect(ledger.executions.get('reject:r')).toBe(1);
  });

  it('uses the key on an optional route (PATCH) when present and ignores its absence', async () => {
    const t = await token('client-a');
    const key = newKey();
    const p1 = await call(`${base}/v1/widgets/w1`, {
      method: 'PATCH',
      token: t,
      body: { quantity: 3 },
      headers: { 'idempotency-key': key },
    });
    const p2 = await call(`${base}/v1/widgets/w1`, {
      method: 'PATCH',
      token: t,
      body: { quantity: 3 },
      headers: { 'idempotency-key': key },
    });
    expect(p1.status).toBe(200);
    expect(p2.headers.get('idempotent-replayed')).toBe('true');
    expect(p2.body).toEqual(p1.body);
    const p3 = await call(`${base}/v1/widgets/w1`, { method: 'PATCH', token: t, body: { quantity: 3 } });
    expect(p3.status).toBe(200);
    expect(p3.body.execution).toBe(2);
  });
});
