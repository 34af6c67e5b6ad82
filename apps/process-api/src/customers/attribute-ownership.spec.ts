import { decideUpdate, DEFAULT_ATTRIBUTE_OWNERS } from './attribute-ownership';
import { parseAttributeOwners } from './customers.config';

describe('decideUpdate', () => {
  const owners = DEFAULT_ATTRIBUTE_OWNERS;
  it('lets the owner overwrite', () => {
    const d = decideUpdate({ marketingConsent: false }, { marketingConsent: true }, 'crm', owners);
    expect(d.patch).toEqual({ marketingConsent: true });
    expect(d.applied).toEqual([{ attribute: 'marketingConsent', from: false, to: true }]);
  });
  it('keeps a non-owner from overwriting an owned value, and reports it', () => {
    const d = decideUpdate(
      { marketingConsent: true, creditTerms: 'NET30' },
      { marketingConsent: false, creditTerms: 'NET60' },
      'shopify',
      owners,
    );
    expect(d.patch).toEqual({});
    expect(d.rejected.map((r) => [r.attribute, r.owner])).toEqual([
      ['marketingConsent', 'crm'],
      ['creditTerms', 'erp'],
    ]);
  });
  it('lets a non-owner fill an empty attribute', () => {
    expect(decideUpdate({}, { firstName: 'Bob' }, 'shopify', owners).patch).toEqual({ firstName: 'Bob' });
  });
  it('ignores absent and unchanged values', () => {
    const d = decideUpdate(
      { firstName: 'Bob', billingAddress: { line1: '1 A St', city: 'X', countryCode: 'US' } },
      { firstName: undefined, billingAddress: { line1: '1 A St', city: 'X', countryCode: 'US' } },
      'erp',
      owners,
    );
    expect(d).toEqual({ patch: {}, applied: [], rejected: [] });
  });
  it('treats an attribute without an owner as last writer wins', () => {
    const free = parseAttributeOwners('{"firstName": null}');
    expect(decideUpdate({ firstName: 'Bob' }, { firstName: 'Rob' }, 'pos', free).patch).toEqual({ firstName: 'Rob' });
  });
});

describe('CUSTOMER_ATTRIBUTE_OWNERS', () => {
  it('merges over the defaults', () =>
    expect(parseAttributeOwners('{"email":"shopify"}')).toMatchObject({ email: 'shopify', marketingConsent: 'crm' }));
  it('rejects unknown attributes, systems and bad JSON at start-up', () => {
    expect(() => parseAttributeOwners('{"shoeSize":"crm"}')).toThrow(/unknown attribute/);
    expect(() => parseAttributeOwners('{"email":"mainframe"}')).toThrow(/unknown system/);
    expect(() => parseAttributeOwners('{')).toThrow(/not valid JSON/);
  });
});
