import 'reflect-metadata';

// Jest 30 reads testTimeout from the root config only, not from a project entry: set it here.
jest.setTimeout(120_000);
import {
  asIds,
  assertTrytonUp,
  ErpError,
  ErpErrorCode,
  ErpSalesOrderInput,
  makeAdapter,
  newCustomer,
  rawClient,
  report,
  str,
  TrytonErpAdapter,
  TrytonRpcClient,
  uniq,
} from './tryton-test-env';

const SKU = 'SKU2006-001';
const SKU2 = 'CASE-LEATHER-PREM';

function order(customerId: string, ref = uniq('weft-order')): ErpSalesOrderInput {
  return {
    externalReference: ref,
    erpCustomerId: customerId,
    currency: 'USD',
    channel: 'shopify',
    lines: [
      { sku: SKU, quantity: 2, unitPriceMinor: 8999 },
      { sku: SKU2, quantity: 1, unitPriceMinor: 2499 },
    ],
  };
}

describe('Tryton adapter: order lifecycle against a real Tryton', () => {
  let adapter: TrytonErpAdapter;
  let raw: TrytonRpcClient;

  beforeAll(async () => {
    await assertTrytonUp();
    adapter = makeAdapter();
    raw = rawClient();
  });

  afterAll(async () => {
    await adapter?.rpc.logout();
    await raw?.logout();
  });

  it('finds or creates a customer: twice the same key gives one party', async () => {
    const key = uniq('cust');
    const input = {
      customerKey: key,
      name: 'Jane Shopper',
      email: 'jane@example.com',
      phone: '+1 555 0100',
      address: { line1: '5 Elm St', city: 'Metropolis', postalCode: '54321', countryCode: 'US' },
    };
    const first = await adapter.findOrCreateCustomer(input);
    const second = await adapter.findOrCreateCustomer(input);
    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    expect(await raw.searchCount('party.party', [['code', '=', `weft:${key}`]])).toBe(1);
    const [party] = await raw.read('party.party', [Number(first.erpCustomerId)], ['name', 'addresses', 'contact_mechanisms']);
    expect(str(party, 'name')).toBe('Jane Shopper');
    expect(asIds(party.addresses)).toHaveLength(1);
    expect(asIds(party.contact_mechanisms)).toHaveLength(2);
  });

  it('lists products with list prices in minor units', async () => {
    const products = await adapter.getProducts([SKU, 'NOPE']);
    expect(products).toEqual([{ sku: SKU, name: 'Aviator sunglasses', listPriceMinor: 8999, currency: 'USD' }]);
  });

  it('runs an order end to end: create+confirm, ship, invoice, pay; stock drops; sale done', async () => {
    const customerId = await newCustomer(adapter);
    const [before] = await adapter.getStock([SKU], 'STO');
    const t0 = performance.now();

    const created = await adapter.createSalesOrder(order(customerId));
    const t1 = performance.now();
    expect(created.state).toBe('processing');
    // The channel gave no tax for these lines, so none is posted: Tryton no longer adds its own.
    expect(created.totalMinor).toBe(2 * 8999 + 2499);
    // Read back with raw RPC, not through the adapter's mapping.
    const [sale] = await raw.read('sale.sale', [Number(created.id)], ['state', 'reference', 'shipments', 'invoices']);
    expect(str(sale, 'state')).toBe('processing');
    expect(str(sale, 'reference')).toBe(created.externalReference);
    expect(asIds(sale.shipments)).toHaveLength(1);

    const shipment = await adapter.confirmShipment(created.id, { shipmentKey: uniq('ship'), carrier: 'UPS', trackingNumber: '1Z999' });
    const t2 = performance.now();
    expect(shipment.state).toBe('done');
    expect(shipment.lines).toEqual(
      expect.arrayContaining([
        { sku: SKU, quantity: 2 },
        { sku: SKU2, quantity: 1 },
      ]),
    );
    const [rawShipment] = await raw.read('stock.shipment.out', [Number(shipment.shipmentId)], ['state']);
    expect(str(rawShipment, 'state')).toBe('done');

    const invoice = await adapter.postInvoice(created.id);
    const t3 = performance.now();
    expect(invoice).toMatchObject({ state: 'posted', kind: 'invoice', totalMinor: created.totalMinor, currency: 'USD' });
    expect(invoice.number).toBeTruthy();

    const paid = await adapter.recordPayment(invoice.invoiceId, invoice.totalMinor, 'USD', uniq('pay'));
    const t4 = performance.now();
    expect(paid.state).toBe('paid');
    const [rawInvoice] = await raw.read('account.invoice', [Number(invoice.invoiceId)], ['state']);
    expect(str(rawInvoice, 'state')).toBe('paid');

    const final = await adapter.getSalesOrder(created.id);
    expect(final.state).toBe('done');
    expect(final.lines.find((l) => l.sku === SKU)).toEqual({ sku: SKU, quantity: 2, shippedQuantity: 2 });
    const [rawFinal] = await raw.read('sale.sale', [Number(created.id)], ['state']);
    expect(str(rawFinal, 'state')).toBe('done');

    const [after] = await adapter.getStock([SKU], 'STO');
    expect(after.onHand).toBe(before.onHand - 2);
    report(
      `one order end to end: ${Math.round(t4 - t0)} ms (create+confirm ${Math.round(t1 - t0)}, ship ${Math.round(t2 - t1)}, invoice ${Math.round(t3 - t2)}, pay ${Math.round(t4 - t3)})`,
    );
  });

  it('repeats shipment, invoice and payment idempotently', async () => {
    const customerId = await newCustomer(adapter);
    const so = await adapter.createSalesOrder(order(customerId));
    const shipKey = uniq('ship');
    const s1 = await adapter.confirmShipment(so.id, { shipmentKey: shipKey });
    const s2 = await adapter.confirmShipment(so.id, { shipmentKey: shipKey });
    expect(s2.shipmentId).toBe(s1.shipmentId);
    const i1 = await adapter.postInvoice(so.id);
    const i2 = await adapter.postInvoice(so.id);
    expect(i2).toEqual(i1);
    const payKey = uniq('pay');
    const p1 = await adapter.recordPayment(i1.invoiceId, i1.totalMinor, 'USD', payKey);
    const p2 = await adapter.recordPayment(i1.invoiceId, i1.totalMinor, 'USD', payKey);
    expect(p2).toEqual(p1);
    const [inv] = await raw.read('account.invoice', [Number(i1.invoiceId)], ['payment_lines']);
    expect(asIds(inv.payment_lines)).toHaveLength(1);
  });

  it('records a partial payment, then the rest', async () => {
    const customerId = await newCustomer(adapter);
    const so = await adapter.createSalesOrder(order(customerId));
    const inv = await adapter.postInvoice(so.id);
    const half = Math.floor(inv.totalMinor / 2);
    const partly = await adapter.recordPayment(inv.invoiceId, half, 'USD', uniq('pay'));
    expect(partly.state).toBe('posted');
    const full = await adapter.recordPayment(inv.invoiceId, inv.totalMinor - half, 'USD', uniq('pay'));
    expect(full.state).toBe('paid');
  });

  it('credits a return once per creditKey, posted, and receives the goods back into stock', async () => {
    const customerId = await newCustomer(adapter);
    const so = await adapter.createSalesOrder(order(customerId));
    await adapter.confirmShipment(so.id, { shipmentKey: uniq('ship') });
    await adapter.postInvoice(so.id);
    const creditKey = uniq('rma');
    const input = { creditKey, salesOrderId: so.id, currency: 'USD', lines: [{ sku: SKU, quantity: 1, amountMinor: 9899 }] };
    const c1 = await adapter.createCreditNote(input);
    const c2 = await adapter.createCreditNote(input);
    expect(c1).toMatchObject({ kind: 'credit-note', state: 'posted', totalMinor: 9899, currency: 'USD' });
    expect(c2.invoiceId).toBe(c1.invoiceId);
    expect(await raw.searchCount('account.invoice', [['reference', '=', `weft-credit:${creditKey}`]])).toBe(1);
    const [rawCredit] = await raw.read('account.invoice', [Number(c1.invoiceId)], ['state', 'type']);
    expect(str(rawCredit, 'state')).toBe('posted');
    expect((await adapter.getSalesOrder(so.id)).invoices.map((i) => i.kind)).toEqual(['invoice', 'credit-note']);

    const [before] = await adapter.getStock([SKU], 'STO');
    const receiptKey = uniq('rcpt');
    const levels = await adapter.receiveReturn({ receiptKey, locationId: 'STO', lines: [{ sku: SKU, quantity: 1 }] });
    expect(levels[0].onHand).toBe(before.onHand + 1);
    const again = await adapter.receiveReturn({ receiptKey, locationId: 'STO', lines: [{ sku: SKU, quantity: 1 }] });
    expect(again[0].onHand).toBe(before.onHand + 1);
    expect(
      await raw.searchCount('stock.shipment.out.return', [
        ['reference', '=', receiptKey],
        ['state', '=', 'done'],
      ]),
    ).toBe(1);
  });

  it('reads stock per product and location; reserve is a soft availability check', async () => {
    const levels = await adapter.getStock([SKU, 'WEFT-LAST-ONE'], 'WH');
    expect(levels.map((l) => l.sku).sort()).toEqual(['SKU2006-001', 'WEFT-LAST-ONE']);
    for (const l of levels) expect(l.locationId).toBe('WH');
    const r = await adapter.reserveStock({ reservationKey: uniq('res'), lines: [{ sku: SKU, quantity: 1 }] });
    expect(r.state).toBe('held');
    await expect(
      adapter.reserveStock({ reservationKey: uniq('res'), lines: [{ sku: 'WEFT-LAST-ONE', quantity: 50 }] }),
    ).rejects.toMatchObject({ code: ErpErrorCode.OUT_OF_STOCK });
    expect((await adapter.releaseReservation(r.reservationKey))?.state).toBe('released');
    expect(await adapter.releaseReservation('never-seen')).toBeNull();
  });

  it('cancels an unshipped sale; refuses to cancel a shipped one', async () => {
    const customerId = await newCustomer(adapter);
    const so = await adapter.createSalesOrder(order(customerId));
    const cancelled = await adapter.cancelSalesOrder(so.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.shipments.every((s) => s.state === 'cancelled')).toBe(true);
    expect((await adapter.cancelSalesOrder(so.id)).state).toBe('cancelled');

    const shipped = await adapter.createSalesOrder(order(customerId));
    await adapter.confirmShipment(shipped.id, { shipmentKey: uniq('ship') });
    await expect(adapter.cancelSalesOrder(shipped.id)).rejects.toMatchObject({ code: ErpErrorCode.INVALID_STATE });
  });

  it('fails a shipment with OUT_OF_STOCK when Tryton cannot assign it, and the sale can still be cancelled', async () => {
    const customerId = await newCustomer(adapter);
    const so = await adapter.createSalesOrder({
      ...order(customerId),
      lines: [{ sku: 'WEFT-LAST-ONE', quantity: 5, unitPriceMinor: 9900 }],
    });
    const err = await adapter.confirmShipment(so.id, { shipmentKey: uniq('ship') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErpError);
    expect((err as ErpError).code).toBe(ErpErrorCode.OUT_OF_STOCK);
    expect((await adapter.cancelSalesOrder(so.id)).state).toBe('cancelled');
  });

  it('maps a missing sale to NOT_FOUND', async () => {
    await expect(adapter.getSalesOrder('99999999')).rejects.toMatchObject({ code: ErpErrorCode.NOT_FOUND });
    expect(await adapter.findSalesOrderByReference(uniq('nothing'))).toBeNull();
  });
});
