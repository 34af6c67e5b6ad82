import { DeprecationRegistry } from '@weft/gateway';
import { generateContracts } from '@weft/contracts';
import { ApiRegistryEntry } from '@weft/platform';
import { testEnv } from '@weft/testing';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';

const api: ApiRegistryEntry = {
  name: 'experience-api',
  title: 'Weft Experience API',
  description: 'test',
  owner: { team: 't', email: 't@weft.dev' },
  factory: { module: '', export: '' },
  downstream: true,
  lifecycle: { '1': { status: 'deprecated', sunsetAt: '2027-06-30' } },
};

describe('contract lifecycle from the DeprecationRegistry', () => {
  it('marks exactly the registered operations deprecated, with their sunset, from the app the contract is generated from', async () => {
    const deprecations = [
      {
        method: 'GET',
        path: '/v1/orders/:id',
        deprecatedAt: '2026-06-01T00:00:00Z',
        sunsetAt: '2027-06-30T00:00:00Z',
        successor: '/v2/orders/{id}',
      },
    ];
    const { app, config } = await createExperienceApi(testEnv({ DEPRECATIONS: JSON.stringify(deprecations) }));
    try {
      expect(app.get(DeprecationRegistry).all()).toHaveLength(1);
      const { documents } = generateContracts(app, {
        api,
        config,
        catalog: [{ sku: 'SKU2006-001', name: 'Aviator sunglasses', listPrice: '89.99' }],
      });
      const doc = documents.get(1)!;
      const get = doc.paths['/v1/orders/{id}'].get;
      expect(get).toMatchObject({ deprecated: true, 'x-sunset': '2027-06-30T00:00:00.000Z', 'x-successor': '/v2/orders/{id}' });
      expect(get.responses['200'].headers).toEqual(
        expect.objectContaining({ Deprecation: expect.anything(), Sunset: expect.anything(), Link: expect.anything() }),
      );
      expect(doc.paths['/v1/orders'].post.deprecated).toBeUndefined();
      expect(doc.info['x-lifecycle']).toEqual({ status: 'deprecated', sunsetAt: '2027-06-30' });
    } finally {
      await app.close();
    }
  });
});
