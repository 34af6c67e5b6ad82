import { parseLossless } from '../intake/lossless-json';
import { propagationTargets } from './customer-propagation.consumer';
import { mapOrderCustomer, mapShopifyCustomer } from './source-customer.mappers';

describe('source customers', () => {
  it('keys a Shopify customer by the exact id in its gid and normalises its identifiers', () => {
    const c = mapShopifyCustomer(
      parseLossless(
        '{"id": 706405506930370000, "admin_graphql_api_id": "gid://shopify/Customer/706405506930370084", "email": " Jon@Example.COM ", "phone": "(415) 555-0100"}',
      ) as Record<string, unknown>,
    );
    expect(c).toEqual({
      system: 'shopify',
      systemId: '706405506930370084',
      attributes: { email: 'jon@example.com', phone: '+14155550100' },
    });
  });
  it('keys a till customer by loyalty id', () => {
    const doc = { channel: 'pos', customer: { email: 'a@b.co', loyaltyId: 'LOY-1' } } as Parameters<typeof mapOrderCustomer>[0];
    expect(mapOrderCustomer(doc)).toEqual({ system: 'pos', systemId: 'LOY-1', attributes: { email: 'a@b.co', loyaltyId: 'LOY-1' } });
  });
  it('never propagates a change back to its source', () => {
    expect(propagationTargets('crm')).toEqual(['erp']);
    expect(propagationTargets('erp')).toEqual(['crm']);
    expect(propagationTargets('shopify')).toEqual(['crm', 'erp']);
  });
});
