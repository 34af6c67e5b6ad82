import { ConfigValidationError } from '@weft/config';
import { DeprecationRegistry, deprecationHeaders } from './deprecation.registry';

describe('DeprecationRegistry', () => {
  const registry = DeprecationRegistry.fromJson(
    JSON.stringify([
      {
        method: 'get',
        path: '/v1/orders/:id',
        deprecatedAt: '2023-06-30T23:59:59Z',
        sunsetAt: '2025-01-01',
        successor: 'https://api.example/v2/orders',
      },
      { method: 'POST', path: '/v1/orders/', deprecatedAt: '2024-02-01T00:00:00Z' },
    ]),
  );

  it('looks operations up by method and route pattern (the OpenAPI generator uses this)', () => {
    expect(registry.lookup('GET', '/v1/orders/:id')?.successor).toBe('https://api.example/v2/orders');
    expect(registry.lookup('HEAD', '/v1/orders/:id')).toBeDefined();
    expect(registry.lookup('POST', '/v1/orders')).toBeDefined();
    expect(registry.lookup('DELETE', '/v1/orders/:id')).toBeUndefined();
    expect(registry.lookup('GET', '/v1/orders/123')).toBeUndefined();
    expect(registry.all()).toHaveLength(2);
  });

  it('formats Deprecation as an sf-date, Sunset as an IMF-fixdate and the successor Link', () => {
    expect(deprecationHeaders(registry.lookup('GET', '/v1/orders/:id')!)).toEqual({
      Deprecation: '@1688169599',
      Sunset: 'Wed, 01 Jan 2025 00:00:00 GMT',
      Link: '<https://api.example/v2/orders>; rel="successor-version"',
    });
    expect(deprecationHeaders(registry.lookup('POST', '/v1/orders')!)).toEqual({ Deprecation: '@1706745600' });
  });

  it.each([
    ['not JSON', '{'],
    ['not an array', '{}'],
    ['a bad date', '[{"method":"GET","path":"/v1/x","deprecatedAt":"soon"}]'],
    ['a relative path', '[{"method":"GET","path":"v1/x","deprecatedAt":"2024-01-01"}]'],
    ['a successor with spaces', '[{"method":"GET","path":"/v1/x","deprecatedAt":"2024-01-01","successor":"a b"}]'],
  ])('stops start-up on %s, naming DEPRECATIONS', (_, json) => {
    expect(() => DeprecationRegistry.fromJson(json)).toThrow(ConfigValidationError);
    expect(() => DeprecationRegistry.fromJson(json)).toThrow(/DEPRECATIONS/);
  });
});
