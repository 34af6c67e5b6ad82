import { mkdtempSync } from 'node:fs';
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
  },
  components: {
    schemas: {
      Thing: { type: 'object', required: ['id', 'count'], properties: { id: { type: 'string' }, count: { type: 'integer' } } },
    },
  },
};

interface paths {
  '/v1/things/{id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': { id: string; count: number } } } };
    };
  };
}

describe('contractClient: calls between layers typed and checked by the receiving contract', () => {
  let server: Server;
  let answer: { status: number; body: unknown };
  let seen: { authorization?: string; path?: string } = {};
  let client: ReturnType<typeof contractClient<paths>>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen = { authorization: req.headers.authorization, path: req.url };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
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

  it('sends a service token and returns a body that matches the contract', async () => {
    answer = { status: 200, body: { id: 'a', count: 2 } };
    await expect(get()).resolves.toEqual({ id: 'a', count: 2 });
    expect(seen.authorization).toMatch(/^Bearer ey/);
    expect(seen.path).toBe('/v1/things/a%2Fb');
  });

  it.each([
    ['a member of the wrong type', { status: 200, body: { id: 'a', count: 'two' } }, /count must be integer/],
    ['a missing member', { status: 200, body: { id: 'a' } }, /must have required property 'count'/],
    ['an undocumented status', { status: 203, body: { id: 'a', count: 1 } }, /answered 203/],
  ])('refuses %s as a downstream failure, not a cast', async (_, a, message) => {
    answer = a;
    const e = await get().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(ErrorCode.DOWNSTREAM_UNAVAILABLE);
    expect(String((e as DomainError).extensions.contractViolation)).toMatch(message);
  });

  it('keeps the code of a problem answered below', async () => {
    answer = { status: 404, body: { status: 404, code: 'not-found', detail: 'No thing a' } };
    await expect(get()).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND, detail: 'No thing a' });
  });
});
