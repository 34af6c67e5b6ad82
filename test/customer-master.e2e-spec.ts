import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { postShopifyWebhook, shopifyFixture, startStack, Stack, waitFor } from '@weft/testing';

interface Customer {
  id: string;
  email?: string;
  phone?: string;
  firstName?: string;
  marketingConsent?: boolean;
  defaultShippingAddress?: { line1: string };
  crossReferences: { system: string; systemId: string }[];
  mergedIds: string[];
  redirectedFrom?: string;
}
interface Audit {
  kind: string;
  actor?: string;
  attribute: string | null;
  oldValue: unknown;
  newValue: unknown;
  sourceSystem: string;
}
interface Propagation {
  eventId: string;
  sourceSystem: string;
  target: string;
}

const SHOPIFY_ID = '706405506930370084';
const ids = (c: Customer, system: string) => c.crossReferences.filter((x) => x.system === system).map((x) => x.systemId);

describe('customer master', () => {
  let stack: Stack;
  let read: string;
  let svc: string;
  let connector: string;
  const raw = shopifyFixture('customers-create.json')
    .replace('"bob@biller.com"', '"jon@example.com"')
    .replace('"phone": null', '"phone": "+14155550100"');

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    read = await stack.token({ sub: 'service-desk', scope: 'customers:read customers:read:all' });
    // The audit trail is process-api's own route: a Weft service token reaches it.
    svc = await stack.serviceToken({ audience: 'process-api', scope: 'process:read process:write' });
    // CRM and ERP connectors report their customers at the edge, with a channel token.
    connector = await stack.token({ sub: 'crm-connector', scope: 'customers:write' });
  });
  afterAll(() => stack.close());

  const byEmail = async (email: string): Promise<Customer[]> => {
    const res = await fetch(`${stack.urls.experience}/v1/customers?email=${encodeURIComponent(email)}`, {
      headers: { authorization: `Bearer ${read}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Customer[];
  };
  const get = async (id: string): Promise<Customer> => {
    const res = await fetch(`${stack.urls.experience}/v1/customers/${id}`, { headers: { authorization: `Bearer ${read}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Customer;
  };
  const processGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${stack.urls.process}/v1/${path}`, { headers: { authorization: `Bearer ${svc}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const postSourceUpdate = (body: unknown, token = connector, headers: Record<string, string> = {}) =>
    fetch(`${stack.urls.experience}/v1/customers/source-updates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const sourceUpdate = async (body: unknown): Promise<Customer> => {
    const res = await postSourceUpdate(body);
    expect(res.status).toBe(200);
    return (await res.json()) as Customer;
  };

  let golden: Customer;

  it('makes the same person from Shopify and a POS sale one golden record with both ids', async () => {
    expect((await postShopifyWebhook(stack.urls.experience, 'customers/create', raw, { eventId: 'evt-cust-1' })).status).toBe(200);
    const [fromShopify] = await waitFor(
      'Shopify customer',
      () => byEmail('jon@example.com'),
      (c) => c.length === 1,
    );
    expect(ids(fromShopify, 'shopify')).toEqual([SHOPIFY_ID]);
    expect(fromShopify).toMatchObject({
      email: 'jon@example.com',
      phone: '+14155550100',
      firstName: 'Bob',
      defaultShippingAddress: { line1: "151 O'Connor Street" },
    });

    const pos = await stack.token({ sub: 'register', scope: 'pos:write', claims: { store_id: 'STORE-001' } });
    const sale = await fetch(`${stack.urls.experience}/v1/pos/sales`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pos}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        storeId: 'STORE-001',
        registerId: 'R1',
        sales: [
          {
            saleId: 'cust-sale-1',
            occurredAt: new Date().toISOString(),
            currency: 'USD',
            lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }],
            tenders: [{ type: 'cash', amountMinor: 2500 }],
            customer: { email: ' Jon@Example.COM ', phone: '(415) 555-0100', loyaltyId: 'LOY-777', firstName: 'Jonathan' },
          },
        ],
      }),
    });
    expect(sale.status).toBe(200);
    golden = await waitFor(
      'POS id linked',
      () => get(fromShopify.id),
      (c) => ids(c, 'pos').length === 1,
    );
    expect(ids(golden, 'pos')).toEqual(['LOY-777']);
    expect(ids(golden, 'shopify')).toEqual([SHOPIFY_ID]);
    expect(await byEmail(' JON@example.com')).toHaveLength(1);
    // The name is the CRM's to own: a till's different spelling does not overwrite it.
    expect(golden.firstName).toBe('Bob');
    const audit = await processGet<Audit[]>(`customers/${golden.id}/audit`);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'rejected', attribute: 'firstName', oldValue: 'Bob', newValue: 'Jonathan', sourceSystem: 'pos' }),
      ]),
    );
    // Propagated to the CRM and ERP, whose ids join the cross-references.
    golden = await waitFor(
      'CRM and ERP ids',
      () => get(golden.id),
      (c) => ids(c, 'crm').length === 1 && ids(c, 'erp').length === 1,
    );
  });

  it('lets the owner change an attribute, keeps a non-owner from overwriting it, and audits both', async () => {
    const crmId = ids(golden, 'crm')[0];
    const updated = await sourceUpdate({ system: 'crm', systemId: crmId, attributes: { marketingConsent: true, firstName: 'Jon' } });
    expect(updated).toMatchObject({ id: golden.id, marketingConsent: true, firstName: 'Jon' });

    const update = raw
      .replace('"state": "disabled"', '"state": "enabled", "email_marketing_consent": {"state": "unsubscribed"}')
      .replace("151 O'Connor Street", '9 New Street')
      .replace('"first_name": "Bob"', '"first_name": "Robert"');
    expect((await postShopifyWebhook(stack.urls.experience, 'customers/update', update, { eventId: 'evt-cust-2' })).status).toBe(200);
    const after = await waitFor(
      'Shopify update applied',
      () => get(golden.id),
      (c) => c.defaultShippingAddress?.line1 === '9 New Street',
    );
    expect(after).toMatchObject({ marketingConsent: true, firstName: 'Jon' });
    const audit = await processGet<Audit[]>(`customers/${golden.id}/audit`);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'set', attribute: 'marketingConsent', oldValue: null, newValue: true, sourceSystem: 'crm' }),
        expect.objectContaining({
          kind: 'rejected',
          attribute: 'marketingConsent',
          oldValue: true,
          newValue: false,
          sourceSystem: 'shopify',
        }),
        expect.objectContaining({ kind: 'set', attribute: 'defaultShippingAddress', sourceSystem: 'shopify' }),
      ]),
    );
  });

  it('never echoes a change back to the system it came from', async () => {
    const props = await waitFor(
      'propagations',
      () => processGet<Propagation[]>(`customers/${golden.id}/propagations`),
      (p) => p.some((x) => x.sourceSystem === 'crm'),
    );
    expect(props.filter((p) => p.target === p.sourceSystem)).toEqual([]);
    expect(props.filter((p) => p.sourceSystem === 'crm').map((p) => p.target)).toEqual(['erp']);
    expect(new Set(props.filter((p) => p.sourceSystem === 'shopify').map((p) => p.target))).toEqual(new Set(['crm', 'erp']));
  });

  it('merges a duplicate found later, keeps its ids and history, and redirects its id', async () => {
    const dup = await sourceUpdate({
      system: 'erp',
      systemId: 'C-LEGACY-9',
      attributes: { email: 'jon.work@example.com', creditTerms: 'NET30' },
    });
    expect(dup.id).not.toBe(golden.id);
    const opsToken = await stack.token({ sub: 'ops-alice', scope: 'ops:write' });
    const res = await fetch(`${stack.urls.experience}/v1/customers/${golden.id}/merge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opsToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ duplicateId: dup.id }),
    });
    expect(res.status).toBe(200);
    const merged = (await res.json()) as Customer;
    expect(merged.mergedIds).toEqual([dup.id]);
    expect(ids(merged, 'erp')).toContain('C-LEGACY-9');
    expect(merged).toMatchObject({ email: 'jon@example.com', creditTerms: 'NET30' });
    const redirected = await get(dup.id);
    expect(redirected).toMatchObject({ id: golden.id, redirectedFrom: dup.id });
    const audit = await processGet<Audit[]>(`customers/${golden.id}/audit`);
    expect(audit.map((a) => a.kind)).toEqual(expect.arrayContaining(['merged', 'merged-into', 'created']));
    const denied = await fetch(`${stack.urls.experience}/v1/customers/${golden.id}/merge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${read}`, 'content-type': 'application/json' },
      body: JSON.stringify({ duplicateId: dup.id }),
    });
    expect(denied.status).toBe(403);
  });
  it("takes a CRM or ERP connector's customer change at the edge: scoped, validated, bounded and idempotent", async () => {
    const body = { system: 'crm', systemId: 'CRM-EDGE-1', attributes: { email: 'edge.connector@example.com', firstName: 'Edie' } };
    // A token without customers:write, and a service token, are refused before anything is applied.
    const reader = await postSourceUpdate(body, read);
    expect(reader.status).toBe(403);
    expect(reader.headers.get('content-type')).toContain('application/problem+json');
    expect((await postSourceUpdate(body, svc)).status).toBe(401);
    // Only the systems of record report here; ids and names are bounded.
    for (const bad of [
      { ...body, system: 'shopify' },
      { ...body, systemId: 'x'.repeat(201) },
      { ...body, systemId: '' },
      { ...body, attributes: { firstName: 'y'.repeat(101) } },
      { ...body, attributes: { marketingConsent: 'yes' } },
      { system: 'crm', systemId: 'CRM-EDGE-1' },
    ]) {
      const res = await postSourceUpdate(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await byEmail('edge.connector@example.com')).toEqual([]);

    const key = { 'idempotency-key': '"crm-edge-1-v1"' };
    const first = await postSourceUpdate(body, connector, key);
    expect(first.status).toBe(200);
    const created = (await first.json()) as Customer;
    expect(created).toMatchObject({ email: 'edge.connector@example.com', firstName: 'Edie' });
    expect(ids(created, 'crm')).toEqual(['CRM-EDGE-1']);
    const replay = await postSourceUpdate(body, connector, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(created);
    // The same report again without a key changes nothing either: one record, one link, no new history of
    // its own (the propagation to the ERP adds its link in its own time, under its own actor).
    const fromConnector = async () =>
      (await processGet<Audit[]>(`customers/${created.id}/audit`)).filter((a) => a.actor === 'crm-connector');
    const before = await fromConnector();
    expect((await sourceUpdate(body)).id).toBe(created.id);
    expect(await byEmail('edge.connector@example.com')).toHaveLength(1);
    expect(await fromConnector()).toEqual(before);
    // The audit names the connector that reported it, not the layer that relayed it.
    expect(before.map((a) => a.kind).sort()).toEqual(['created', 'linked', 'set', 'set']);
  });
});
