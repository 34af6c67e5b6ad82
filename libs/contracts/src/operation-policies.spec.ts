import { DeprecationRegistry } from '@weft/gateway';
import { decorateOperation, OperationContext } from './operation-policies';
import { Operation } from './openapi-types';
import { RouteMetadata } from './route-metadata';

const route: RouteMetadata = {
  controller: 'OrdersController',
  handler: 'create',
  isPublic: false,
  scopes: ['orders:write'],
  idempotency: { required: true },
  skipThrottle: false,
  uuidParams: [],
  patternParams: {},
};
const op = (): Operation => ({
  operationId: 'OrdersController.create',
  tags: ['orders'],
  summary: 'Accept an order',
  parameters: [],
  requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrderDto' } } } },
  responses: { '201': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderDto' } } } } },
});
const ctx = (over: Partial<OperationContext> = {}): OperationContext => ({
  path: '/v1/orders',
  method: 'post',
  route,
  rateLimit: { name: 'writes', quota: 120, windowSeconds: 60 },
  idempotencyTtlSeconds: 86400,
  downstream: true,
  examples: { CreateOrderDto: { currency: 'USD' } },
  ...over,
});

describe('decorateOperation', () => {
  it('derives operationId, security with scopes, and the Idempotency-Key with its retention', () => {
    const out = decorateOperation(op(), ctx());
    expect(out.operationId).toBe('orders.create');
    expect(out.security).toEqual([{ bearer: ['orders:write'] }, { oauth2: ['orders:write'] }]);
    expect(out.parameters).toEqual([
      expect.objectContaining({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description: expect.stringContaining('24 h (86400 s)'),
      }),
    ]);
    expect(out.requestBody?.content?.['application/json']?.example).toEqual({ currency: 'USD' });
  });

  it('documents every problem+json error, RateLimit headers, and Retry-After on 429', () => {
    const out = decorateOperation(op(), ctx());
    expect(Object.keys(out.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '502',
      '503',
      '504',
    ]);
    expect(out.responses['201'].headers).toEqual(
      expect.objectContaining({
        RateLimit: expect.anything(),
        'RateLimit-Policy': expect.objectContaining({ example: '"writes";q=120;w=60' }),
      }),
    );
    expect(out.responses['429'].headers!['Retry-After']).toEqual(expect.objectContaining({ required: true }));
    // Throttling runs before authentication: a 401 carries the RateLimit fields too.
    expect(out.responses['401'].headers!.RateLimit).toEqual({ $ref: '#/components/headers/RateLimit' });
    expect(Object.keys(out.responses['422'].content!)).toEqual(['application/problem+json']);
  });

  it('keeps a signed public route free of JWT security and documents its 401', () => {
    const out = decorateOperation(
      { ...op(), security: [{ shopifyHmac: [] }, { bearer: [] }] },
      ctx({ route: { ...route, isPublic: true, scopes: [], idempotency: undefined } }),
    );
    expect(out.security).toEqual([{ shopifyHmac: [] }]);
    expect(out.responses['401']).toBeDefined();
    expect(out.responses['403']).toBeUndefined();
  });

  it('marks an operation in the DeprecationRegistry deprecated, with Deprecation and Sunset', () => {
    const registry = DeprecationRegistry.fromJson(
      JSON.stringify([
        {
          method: 'POST',
          path: '/v1/orders',
          deprecatedAt: '2026-01-01T00:00:00Z',
          sunsetAt: '2027-01-01T00:00:00Z',
          successor: '/v2/orders',
        },
      ]),
    );
    const out = decorateOperation(op(), ctx({ deprecation: registry.lookup('post', '/v1/orders') }));
    expect(out).toMatchObject({
      deprecated: true,
      'x-deprecated-at': '2026-01-01T00:00:00.000Z',
      'x-sunset': '2027-01-01T00:00:00.000Z',
      'x-successor': '/v2/orders',
    });
    expect(out.description).toMatch(/Deprecated.*2027-01-01/);
    expect(out.responses['201'].headers!.Sunset).toEqual(expect.objectContaining({ example: 'Fri, 01 Jan 2027 00:00:00 GMT' }));
  });
});
