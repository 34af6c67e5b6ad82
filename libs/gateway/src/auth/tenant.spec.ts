import { assertStore, ownsOrder, tenantOf } from './tenant';
import { Principal } from './principal';

function principal(claims: Record<string, string>, scope = ''): Principal {
  return { sub: 'c', scopes: new Set(scope.split(' ').filter(Boolean)), partnerId: claims.partner_id, claims: { sub: 'c', ...claims } };
}

const partnerOrder = { channel: 'partner', externalId: 'p1:po-1', partnerId: 'p1' };
const posOrder = { channel: 'pos', externalId: 'STORE-001:S-1', partnerId: null };
const shopifyOrder = { channel: 'shopify', externalId: 'weft-na.myshopify.com:1001', partnerId: null };
const webOrder = { channel: 'storefront', externalId: 'storefront-eu:w-1', partnerId: null };

describe('tenants', () => {
  it('binds by partner_id, then store_id, then shop or channel; none is unbound', () => {
    expect(tenantOf(principal({ partner_id: 'p1', store_id: 'S' }))).toEqual({ kind: 'partner', id: 'p1' });
    expect(tenantOf(principal({ store_id: 'STORE-001' }))).toEqual({ kind: 'store', id: 'STORE-001' });
    expect(tenantOf(principal({ shop: 'weft-na.myshopify.com' }))).toEqual({ kind: 'storefront', id: 'weft-na.myshopify.com' });
    expect(tenantOf(principal({ channel: 'storefront-eu' }))).toEqual({ kind: 'storefront', id: 'storefront-eu' });
    expect(tenantOf(principal({}))).toEqual({ kind: 'unbound' });
  });

  it('shows each tenant only its orders; an unbound token none; orders:read:all every one', () => {
    const all = [partnerOrder, posOrder, shopifyOrder, webOrder];
    const seen = (p: Principal) => all.filter((o) => ownsOrder(p, o));
    expect(seen(principal({ partner_id: 'p1' }))).toEqual([partnerOrder]);
    expect(seen(principal({ partner_id: 'p2' }))).toEqual([]);
    expect(seen(principal({ store_id: 'STORE-001' }))).toEqual([posOrder]);
    expect(seen(principal({ store_id: 'STORE-00' }))).toEqual([]);
    expect(seen(principal({ shop: 'weft-na.myshopify.com' }))).toEqual([shopifyOrder]);
    expect(seen(principal({ channel: 'storefront-eu' }))).toEqual([webOrder]);
    expect(seen(principal({}, 'orders:read'))).toEqual([]);
    expect(seen(principal({}, 'orders:read orders:read:all'))).toEqual(all);
  });

  it('lets a POS token act only for its own store', () => {
    expect(() => assertStore(principal({ store_id: 'STORE-001' }), 'STORE-001')).not.toThrow();
    expect(() => assertStore(principal({ store_id: 'STORE-002' }), 'STORE-001')).toThrow(/store STORE-001/);
    expect(() => assertStore(principal({ partner_id: 'p1' }), 'STORE-001')).toThrow();
  });
});
