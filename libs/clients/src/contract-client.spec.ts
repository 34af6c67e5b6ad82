import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, WeftConfig } from '@weft/config';
import { ServiceTokenSigner } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { bodyOf, contractClient } from './contract-client';
import { ContractResponses } from './contract-responses';
import { LayerClient } from './layer.client';

const contract = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        },
      },
    },
    '/v1/things/{id}/release': {
      post: {
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/Thing' }, { type: 'null' }] } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'count'],
        properties: {
          id: { type: 'string' },
          count: { type: 'integer' },
          state: { type: 'string', enum: ['held', 'released'] },
          parts: { type: 'array', items: { $ref: '#/components/schemas/Thing' } },
        },
      },
    },
  },
};

interface Thing {
  id: string;
  count: number;
  state?: 'held' | 'released';
  parts?: Thing[];
}
type Op<P> = {
  parameters: { path: P };
  requestBody?: never;
  responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': Thing | null } } };
};
interface paths {
  '/v1/things/{id}': { get: Op<{ id: string }> };
  '/v1/things/{id}/release': { post: Op<{ id: string }> };
}

describe('contractClient: calls between layers typed and checked by the receiving contract', () => {
  let server: Server;
  let answer: { status: number; body?: unknown };
  let seen: { authorization?: string; path?: string } = {};
  let client: ReturnType<typeof contractClient<paths>>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen = { authorization: req.headers.authorization, path: req.url };
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const config = loadConfig(WeftConfig, { NODE_ENV: 'test', DEV_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'weft-cc-')), 'keys') });
    const layer = new LayerClient(
      {
        caller: 'process-api',
        audience: 'system-api',
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        timeoutMs: 2000,
        scope: 'system:read',
      },
      new ServiceTokenSigner(config),
    );
    client = contractClient<paths>(layer, new ContractResponses('things-api', contract));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = () => bodyOf(client.GET('/v1/things/{id}', { params: { path: { id: 'a/b' } } }));
  const failure = (call: Promise<unknown>) =>
    call.then(
      () => undefined,
      (err: unknown) => err,
    );

  it('sends a service token for the receiving layer and returns a body that matches the contract', async () => {
    answer = { status: 200, body: { id: 'a', count: 2, extra: 'a member added later is not breaking' } };
    await expect(get()).resolves.toMatchObject({ id: 'a', count: 2 });
    expect(seen.authorization).toMatch(/^Bearer ey/);
    expect(seen.path).toBe('/v1/things/a%2Fb');
  });

  it.each([
    ['a member of the wrong type', { status: 200, body: { id: 'a', count: 'two' } }, /body\.count is string, not integer/],
    ['a fraction for an integer', { status: 200, body: { id: 'a', count: 1.5 } }, /body\.count is number, not integer/],
    ['a missing member', { status: 200, body: { id: 'a' } }, /has no required member count/],
    ['a value outside the enum', { status: 200, body: { id: 'a', count: 1, state: 'lost' } }, /body\.state is not one of/],
    [
      'a nested shape that differs',
      { status: 200, body: { id: 'a', count: 1, parts: [{ id: 'b' }] } },
      /body\.parts\[0\] has no required member count/,
    ],
    ['an undocumented status', { status: 203, body: { id: 'a', count: 1 } }, /answered 203/],
    ['no body where one is documented', { status: 200 }, /body is null, not object/],
  ])('refuses %s as a downstream failure, not a cast', async (_, a, message) => {
    answer = a;
    const e = await failure(get());
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(ErrorCode.DOWNSTREAM_UNAVAILABLE);
    expect(String((e as DomainError).extensions.contractViolation)).toMatch(message);
  });

  it('accepts an answer of null (an empty body) where the contract documents null', async () => {
    answer = { status: 200 };
    const result = await client.POST('/v1/things/{id}/release', { params: { path: { id: 'a' } } });
    expect(result.error).toBeUndefined();
  });

  it('keeps the code of a problem answered below', async () => {
    answer = { status: 404, body: { status: 404, code: 'not-found', detail: 'No thing a' } };
    await expect(get()).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND, detail: 'No thing a' });
  });

  it('checks the answers of a real layer contract: system-api stock levels', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi', 'system-api.v1.json'), 'utf8')) as object;
    const responses = new ContractResponses('system-api', document);
    const level = { sku: 'A', locationId: 'WH-MAIN', onHand: 1, reserved: 0 };
    expect(responses.violation('GET', '/v1/erp/stock', 200, [level, level])).toBeUndefined();
    expect(responses.violation('GET', '/v1/erp/stock', 200, [level, { ...level, onHand: '1' }])).toBe(
      'GET /v1/erp/stock 200: body[1].onHand is string, not number',
    );
    expect(responses.violation('GET', '/v1/erp/nothing', 200, [])).toMatch(/not in the system-api contract/);
  });

  it('sends the GETs to a serving replica and everything else to the main one when given both', async () => {
    const served: string[] = [];
    const replica = createServer((req, res) => {
      served.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'r', count: 7 }));
    });
    await new Promise<void>((r) => replica.listen(0, '127.0.0.1', r));
    try {
      const config = loadConfig(WeftConfig, { NODE_ENV: 'test', DEV_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'weft-cc-')), 'keys') });
      const signer = new ServiceTokenSigner(config);
      const layer = (port: number) =>
        new LayerClient(
          { caller: 'process-api', audience: 'system-api', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000, scope: 'system:read' },
          signer,
        );
      const split = contractClient<paths>(
        layer((server.address() as AddressInfo).port),
        new ContractResponses('things-api', contract),
        layer((replica.address() as AddressInfo).port),
      );
      seen = {};
      answer = { status: 200, body: { id: 'w', count: 1 } };
      await expect(bodyOf(split.GET('/v1/things/{id}', { params: { path: { id: 'x' } } }))).resolves.toMatchObject({ id: 'r', count: 7 });
      expect(served).toEqual(['GET /v1/things/x']);
      expect(seen.path).toBeUndefined();
      await expect(bodyOf(split.POST('/v1/things/{id}/release', { params: { path: { id: 'x' } } }))).resolves.toMatchObject({ id: 'w' });
      expect(seen.path).toBe('/v1/things/x/release');
      expect(served).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => replica.close(() => r()));
    }
  });
});
