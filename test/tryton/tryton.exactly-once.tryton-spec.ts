import 'reflect-metadata';

// Jest 30 reads testTimeout from the root config only, not from a project entry: set it here.
jest.setTimeout(120_000);
import {
  assertTrytonUp,
  ErpErrorCode,
  ErpSalesOrderInput,
  makeAdapter,
  newCustomer,
  rawClient,
  str,
  TrytonErpAdapter,
  TrytonRpcClient,
  uniq,
} from './tryton-test-env';

describe('Tryton adapter: exactly one sale per externalReference', () => {
  let adapter: TrytonErpAdapter;
  let raw: TrytonRpcClient;
  let customerId: string;
  const order = (ref: string): ErpSalesOrderInput => ({
    externalReference: ref,
    erpCustomerId: customerId,
    currency: 'USD',
    channel: 'pos',
    lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }],
  });

  beforeAll(async () => {
    await assertTrytonUp();
    adapter = makeAdapter();
    raw = rawClient();
    customerId = await newCustomer(adapter);
  });

  afterAll(async () => {
    await adapter?.rpc.logout();
    await raw?.logout();
  });

  it('the same externalReference 5 times concurrently creates exactly one Tryton sale', async () => {
    const ref = uniq('conc');
    const results = await Promise.all(Array.from({ length: 5 }, () => adapter.createSalesOrder(order(ref))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await raw.searchCount('sale.sale', [['reference', '=', ref]])).toBe(1);
    expect(results.every((r) => r.state === 'processing')).toBe(true);
  });

  it('a retry after a create that landed (left in draft) finds that sale and confirms it', async () => {
    const ref = uniq('landed');
    const [party] = await raw.read('party.party', [Number(customerId)], ['addresses']);
    const address = (party.addresses as number[])[0];
    // What a create that timed out after Tryton committed leaves behind: a draft sale with the reference.
    const [draftId] = await raw.create('sale.sale', [
      {
        party: Number(customerId),
        invoice_address: address,
        shipment_address: address,
        payment_term: 1,
        reference: ref,
        lines: [
          [
            'create',
            [
              {
                type: 'line',
                product: 6,
                quantity: 1,
                unit: 1,
                unit_price: { __class__: 'Decimal', decimal: '25.00' },
                taxes: [['add', [1]]],
              },
            ],
          ],
        ],
      },
    ]);
    const retried = await adapter.createSalesOrder(order(ref));
    expect(retried.id).toBe(String(draftId));
    expect(retried.state).toBe('processing');
    expect(await raw.searchCount('sale.sale', [['reference', '=', ref]])).toBe(1);
  });

  it('a real client-side timeout on create, then a retry: one sale', async () => {
    const ref = uniq('timeout');
    // Same database, so the same bulkhead: the timed-out create keeps its slot until Tryton answers.
    const impatient = makeAdapter({ methodTimeoutsMs: { 'model.sale.sale.create': 1 } });
    const err = await impatient.createSalesOrder(order(ref)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErpErrorCode.UNAVAILABLE });
    const retried = await adapter.createSalesOrder(order(ref));
    expect(retried.state).toBe('processing');
    expect(await raw.searchCount('sale.sale', [['reference', '=', ref]])).toBe(1);
    const [sale] = await raw.read('sale.sale', [Number(retried.id)], ['state']);
    expect(str(sale, 'state')).toBe('processing');
    await impatient.rpc.logout();
  });
});
