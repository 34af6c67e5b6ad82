import { ErpError, ErpErrorCode } from '../erp.errors';
import {
  ErpAddress,
  ErpCancelledSalesOrder,
  ErpCreditNoteInput,
  ErpProduct,
  ErpCustomer,
  ErpCustomerInput,
  ErpInvoice,
  ErpOrderState,
  ErpPort,
  ErpPostings,
  ErpReservation,
  ErpReservationInput,
  ErpReturnReceiptInput,
  ErpSalesOrder,
  ErpSalesOrderInput,
  ErpShipment,
  ErpShipmentInput,
  ErpStockLevel,
} from '../erp.port';
import { decimalToMinor, TrytonDate, TrytonDateTime, TrytonDecimal, TrytonRecord, TrytonValue } from './tryton.codec';
import { KeyLock, KeyedMutex } from './tryton.locks';
import { asIds, dec, int, num, optInt, optStr, related, relatedStr, str } from './tryton.records';
import { TrytonRpcClient } from './tryton.rpc-client';
import { documentTotals, lineDiscount, lineTax } from '../erp-document';
import { categoryOf, exactPieces, SHIPPING_CODE, TrytonTaxes } from './tryton.finance';

/** Party code under which Weft keeps a customer: unique in Tryton, searchable, apart from numeric codes. */
export const customerCode = (customerKey: string): string => `weft:${customerKey}`;
const RETURNS_PARTY_CODE = 'weft:customer-returns';
const creditReference = (creditKey: string): string => `weft-credit:${creditKey}`;
const saleTag = (saleId: number): string => `[weft-sale:${saleId}]`;

interface Defaults {
  warehouse: number;
  storage: number;
  input: number;
  customerLocation: number;
  paymentTerm: number | null;
  revenueJournal: number;
  paymentMethod: number | null;
  receivable: number | null;
  companyCurrency: string;
}

interface ResolvedLocation {
  id: number;
  label: string;
  type: string;
  warehouse: number | null;
}

/** One row of the cancellation feed; a sale without a reference or a write date is not Weft's to report. */
export function mapCancelledSale(r: TrytonRecord): ErpCancelledSalesOrder | null {
  const reference = optStr(r, 'reference');
  const written = r.write_date;
  if (!reference || !(written instanceof TrytonDateTime)) return null;
  return { salesOrderId: String(int(r, 'id')), number: optStr(r, 'number'), externalReference: reference, cancelledAt: written.iso };
}

const SALE_FIELDS = ['number', 'reference', 'state', 'currency.code', 'total_amount', 'lines', 'shipments', 'invoices', 'party'];

/**
 * ErpPort on Tryton 6.0 over JSON-RPC. Every write is idempotent on its business key: the key is
 * stored in Tryton (sale.reference, shipment.reference, invoice.reference, return shipment reference,
 * payment line description, party code), searched before writing, under a lock on that key (in-process
 * always, plus Redis or PostgreSQL across instances when configured) — Tryton's own columns are not
 * unique, and on SQLite it enforces no unique constraints at all.
 */
export class TrytonErpAdapter implements ErpPort {
  readonly name = 'tryton';
  private defaultsPromise: Promise<Defaults> | null = null;
  private readonly reservations = new Map<string, ErpReservation>();
  private readonly countries = new Map<string, number | null>();
  private readonly taxes: TrytonTaxes;

  constructor(
    readonly rpc: TrytonRpcClient,
    readonly locks: KeyLock = new KeyedMutex(),
    /** Weft location ids → Tryton location codes (TRYTON_LOCATION_MAP), e.g. WH-MAIN → WH. */
    private readonly locationMap: Record<string, string> = {},
  ) {
    this.taxes = new TrytonTaxes(rpc, locks);
  }

  /** Ends the Tryton session (Nest calls this on shutdown when the adapter is a provider). */
  async onApplicationShutdown(): Promise<void> {
    await this.rpc.logout();
  }

  // ---------------------------------------------------------------- catalogue

  async getProducts(skus: string[]): Promise<ErpProduct[]> {
    if (skus.length === 0) return [];
    const currency = (await this.defaults()).companyCurrency;
    const rows = await this.rpc.searchRead(
      'product.product',
      [['code', 'in', [...new Set(skus)]]],
      ['code', 'template.name', 'list_price'],
      { order: [['code', 'ASC']] },
    );
    return rows.map((r) => ({
      sku: str(r, 'code'),
      name: relatedStr(r, 'template', 'name') ?? str(r, 'code'),
      listPriceMinor: decimalToMinor(dec(r, 'list_price'), currency),
      currency,
    }));
  }

  // ---------------------------------------------------------------- customers

  async findOrCreateCustomer(input: ErpCustomerInput): Promise<ErpCustomer> {
    if (!input.customerKey) throw new ErpError(ErpErrorCode.VALIDATION, 'customerKey is required');
    if (!input.name) throw new ErpError(ErpErrorCode.VALIDATION, 'Customer name is required');
    const code = customerCode(input.customerKey);
    return this.locks.withLock(`party:${code}`, async () => {
      const found = await this.rpc.search('party.party', [['code', '=', code]], { limit: 1, order: [['id', 'ASC']] });
      if (found.length > 0) return { erpCustomerId: String(found[0]), customerKey: input.customerKey, created: false };
      const d = await this.defaults();
      const mechanisms: TrytonValue[] = [];
      if (input.email) mechanisms.push({ type: 'email', value: input.email });
      if (input.phone) mechanisms.push({ type: 'phone', value: input.phone });
      const values: TrytonRecord = {
        name: input.name,
        code,
        addresses: [['create', [input.address ? await this.addressValues(input.address) : {}]]],
        ...(mechanisms.length ? { contact_mechanisms: [['create', mechanisms]] } : {}),
        ...(d.paymentTerm ? { customer_payment_term: d.paymentTerm } : {}),
      };
      const [id] = await this.rpc.create('party.party', [values]);
      return { erpCustomerId: String(id), customerKey: input.customerKey, created: true };
    });
  }

  // ---------------------------------------------------------------- sales orders

  async createSalesOrder(input: ErpSalesOrderInput): Promise<ErpSalesOrder> {
    if (!input.externalReference) throw new ErpError(ErpErrorCode.VALIDATION, 'externalReference is required');
    if (input.lines.length === 0) throw new ErpError(ErpErrorCode.VALIDATION, 'A sales order needs at least one line');
    for (const l of input.lines) {
      if (!(l.quantity > 0) || !Number.isInteger(l.unitPriceMinor) || l.unitPriceMinor < 0) {
        throw new ErpError(ErpErrorCode.VALIDATION, `Invalid line for ${l.sku}: quantity ${l.quantity}, unit price ${l.unitPriceMinor}`);
      }
    }
    return this.locks.withLock(`sale:${input.externalReference}`, async () => {
      // A retry after a timeout whose create did land finds that sale here (the bulkhead slot of the
      // timed-out call is held until it really ended, so this search runs after its commit).
      const existing = await this.saleIdsByReference(input.externalReference);
      const id = existing[0] ?? (await this.createSale(input));
      await this.advanceSale(id);
      return this.getSalesOrder(String(id));
    });
  }

  async findSalesOrderByReference(externalReference: string): Promise<ErpSalesOrder | null> {
    const [id] = await this.saleIdsByReference(externalReference);
    return id === undefined ? null : this.getSalesOrder(String(id));
  }

  async getSalesOrder(id: string): Promise<ErpSalesOrder> {
    const sale = await this.readSale(id);
    return this.toSalesOrder(sale);
  }

  /**
   * Sales cancelled in Tryton, read forward along `write_date` (a cancelled sale is read-only in
   * Tryton, so its last write is its cancellation). Only sales with a reference are Weft's. Tryton
   * cancels only draft and quotation sales; a processing sale stopped the Tryton way (its shipments
   * cancelled, the exception ignored) ends "done" and is not reported here: not when Weft did it
   * through cancelSalesOrder (Weft knows), nor, yet, when a Tryton user did.
   */
  async listCancelledSalesOrders(since: string, limit: number): Promise<ErpCancelledSalesOrder[]> {
    const rows = await this.rpc.searchRead(
      'sale.sale',
      [
        ['state', '=', 'cancelled'],
        ['write_date', '>=', new TrytonDateTime(since)],
        ['reference', '!=', null],
      ],
      ['number', 'reference', 'write_date'],
      {
        limit,
        order: [
          ['write_date', 'ASC'],
          ['id', 'ASC'],
        ],
      },
    );
    return rows.flatMap((r) => mapCancelledSale(r) ?? []);
  }

  /**
   * Tryton cancels only draft/quotation sales. A processing sale whose shipments have not been picked
   * and whose invoices are still draft is cancelled the Tryton way: cancel its shipments and invoices,
   * then ignore the resulting exceptions (sale.handle.*.exception). Tryton then marks the sale "done";
   * this adapter reports such a sale (nothing shipped, nothing invoiced) as 'cancelled'.
   */
  async cancelSalesOrder(id: string): Promise<ErpSalesOrder> {
    return this.locks.withLock(`order:${id}`, async () => {
      let sale = await this.readSale(id);
      const saleId = int(sale, 'id');
      const state = str(sale, 'state');
      if (state === 'cancelled') return this.toSalesOrder(sale);
      if (state === 'draft' || state === 'quotation') {
        await this.rpc.button('sale.sale', 'cancel', [saleId]);
        return this.getSalesOrder(id);
      }
      const current = await this.toSalesOrder(sale);
      if (current.state === 'cancelled') return current;
      if (state === 'done') throw new ErpError(ErpErrorCode.INVALID_STATE, `Sale ${id} is done and cannot be cancelled`);
      if (state === 'confirmed') {
        await this.rpc.button('sale.sale', 'process', [saleId]);
        sale = await this.readSale(id);
      }
      const shipments = await this.rpc.read('stock.shipment.out', asIds(sale.shipments), ['state']);
      const moving = shipments.filter((s) => ['picked', 'packed', 'done'].includes(str(s, 'state')));
      if (moving.length > 0) {
        throw new ErpError(
          ErpErrorCode.INVALID_STATE,
          `Sale ${id} has shipments picked or shipped (${moving.map((s) => str(s, 'state')).join(', ')}); use a return`,
        );
      }
      const invoices = await this.rpc.read('account.invoice', asIds(sale.invoices), ['state']);
      const posted = invoices.filter((i) => ['posted', 'paid'].includes(str(i, 'state')));
      if (posted.length > 0) throw new ErpError(ErpErrorCode.INVALID_STATE, `Sale ${id} has a posted invoice; use a credit note`);
      const openShipments = shipments.filter((s) => str(s, 'state') !== 'cancelled').map((s) => int(s, 'id'));
      const openInvoices = invoices.filter((i) => str(i, 'state') !== 'cancelled').map((i) => int(i, 'id'));
      if (openShipments.length) await this.rpc.button('stock.shipment.out', 'cancel', openShipments);
      if (openInvoices.length) await this.rpc.button('account.invoice', 'cancel', openInvoices);
      await this.rpc.button('sale.sale', 'process', [saleId]);
      const [exceptions] = await this.rpc.read('sale.sale', [saleId], ['shipment_state', 'invoice_state']);
      if (str(exceptions, 'shipment_state') === 'exception') await this.ignoreException(saleId, 'sale.handle.shipment.exception', 'moves');
      if (str(exceptions, 'invoice_state') === 'exception') await this.ignoreException(saleId, 'sale.handle.invoice.exception', 'invoices');
      return this.getSalesOrder(id);
    });
  }

  // ---------------------------------------------------------------- stock

  async getStock(skus: string[], locationId?: string): Promise<ErpStockLevel[]> {
    if (skus.length === 0) return [];
    const location = await this.resolveLocation(locationId);
    const rows = await this.rpc.searchRead(
      'product.product',
      [['code', 'in', skus]],
      ['code', 'quantity', 'forecast_quantity'],
      { order: [['code', 'ASC']] },
      { locations: [location.id], stock_date_end: TrytonDate.today(), with_childs: true },
    );
    return rows.map((r) => {
      const onHand = num(r, 'quantity');
      const forecast = num(r, 'forecast_quantity');
      // Tryton has no reservations: "reserved" is what open sales will take out (on hand − forecast).
      return { sku: str(r, 'code'), locationId: location.label, onHand, reserved: Math.max(0, onHand - forecast) };
    });
  }

  /**
   * Tryton 6.0 has no standalone reservations (stock is assigned to a shipment only once the sale is
   * confirmed, by assign_try). So this is a soft availability check, not a hold: it fails OUT_OF_STOCK
   * when the forecast quantity (on hand minus what confirmed sales will take) is below the request, and
   * otherwise answers 'held' — nothing is set aside in Tryton until the sale exists. The answer is
   * remembered in this process so that release can echo it; repeating a key re-checks availability.
   */
  async reserveStock(input: ErpReservationInput): Promise<ErpReservation> {
    const known = this.reservations.get(input.reservationKey);
    if (known && known.state === 'held') return known;
    const levels = await this.getStock(
      input.lines.map((l) => l.sku),
      input.locationId,
    );
    const location = levels[0]?.locationId ?? (await this.resolveLocation(input.locationId)).label;
    const wanted = new Map<string, number>();
    for (const l of input.lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.quantity);
    const short = [...wanted].flatMap(([sku, quantity]) => {
      const level = levels.find((s) => s.sku === sku);
      const available = level ? level.onHand - level.reserved : 0;
      return available < quantity ? [{ sku, requested: quantity, available }] : [];
    });
    if (short.length > 0) {
      throw new ErpError(
        ErpErrorCode.OUT_OF_STOCK,
        `Not enough stock at ${location}: ${short.map((s) => `${s.sku} (${s.available} < ${s.requested})`).join(', ')}`,
        { locationId: location, short },
      );
    }
    const reservation: ErpReservation = {
      reservationKey: input.reservationKey,
      state: 'held',
      lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, locationId: location })),
    };
    this.remember(reservation);
    return reservation;
  }

  /** Nothing is held in Tryton, so nothing to undo; null when this process never saw the key. */
  async releaseReservation(reservationKey: string): Promise<ErpReservation | null> {
    const known = this.reservations.get(reservationKey);
    if (!known) return null;
    const released: ErpReservation = { ...known, state: 'released' };
    this.remember(released);
    return released;
  }

  // ---------------------------------------------------------------- shipments

  /**
   * Drives the sale's customer shipment waiting → assign_try → pick → pack → done, storing the
   * shipmentKey in shipment.reference. assign_try false (not enough stock) → OUT_OF_STOCK, the shipment
   * stays waiting. Partial shipments would need the shipment split (not in Tryton 6.0 core): `lines`
   * must match the open shipment. Carrier and tracking number are echoed but not stored (no carrier
   * module in this Tryton).
   */
  async confirmShipment(salesOrderId: string, input: ErpShipmentInput): Promise<ErpShipment> {
    return this.locks.withLock(`order:${salesOrderId}`, async () => {
      let sale = await this.readSale(salesOrderId);
      const saleId = int(sale, 'id');
      const keyed = await this.rpc.search(
        'stock.shipment.out',
        [
          ['reference', '=', input.shipmentKey],
          ['id', 'in', asIds(sale.shipments)],
        ],
        { limit: 1 },
      );
      let shipmentId = keyed[0];
      if (shipmentId === undefined) {
        const state = str(sale, 'state');
        if (state === 'draft' || state === 'quotation' || state === 'cancelled') {
          throw new ErpError(ErpErrorCode.INVALID_STATE, `Sale ${salesOrderId} is ${state}: nothing to ship`);
        }
        if (state === 'confirmed') {
          await this.rpc.button('sale.sale', 'process', [saleId]);
          sale = await this.readSale(salesOrderId);
        }
        const shipments = await this.rpc.read('stock.shipment.out', asIds(sale.shipments), ['state', 'reference']);
        const open = shipments.find((s) => !['done', 'cancelled'].includes(str(s, 'state')) && !optStr(s, 'reference'));
        if (!open) throw new ErpError(ErpErrorCode.INVALID_STATE, `Sale ${salesOrderId} has no open shipment`);
        shipmentId = int(open, 'id');
        if (input.lines) await this.checkFullShipment(shipmentId, input.lines);
        await this.rpc.write('stock.shipment.out', [shipmentId], { reference: input.shipmentKey });
      }
      for (let step = 0; step < 6; step++) {
        const [s] = await this.rpc.read('stock.shipment.out', [shipmentId], ['state']);
        const state = str(s, 'state');
        if (state === 'done') break;
        if (state === 'cancelled') throw new ErpError(ErpErrorCode.INVALID_STATE, `Shipment ${shipmentId} is cancelled`);
        if (state === 'draft') await this.rpc.button('stock.shipment.out', 'wait', [shipmentId]);
        else if (state === 'waiting') {
          const assigned = await this.rpc.button('stock.shipment.out', 'assign_try', [shipmentId]);
          if (assigned === false) {
            const lines = (await this.toShipment(shipmentId)).lines;
            throw new ErpError(ErpErrorCode.OUT_OF_STOCK, `Not enough stock to ship sale ${salesOrderId} (shipment ${shipmentId})`, {
              shipmentId: String(shipmentId),
              lines,
            });
          }
        } else if (state === 'assigned') await this.rpc.button('stock.shipment.out', 'pick', [shipmentId]);
        else if (state === 'picked') await this.rpc.button('stock.shipment.out', 'pack', [shipmentId]);
        else if (state === 'packed') await this.rpc.button('stock.shipment.out', 'done', [shipmentId]);
      }
      const shipment = await this.toShipment(shipmentId);
      return { ...shipment, carrier: input.carrier, trackingNumber: input.trackingNumber };
    });
  }

  // ---------------------------------------------------------------- invoices

  /** Posts the sale's draft invoice(s) (Tryton creates them on confirm, invoice method "order"). */
  async postInvoice(salesOrderId: string): Promise<ErpInvoice> {
    return this.locks.withLock(`order:${salesOrderId}`, async () => {
      let sale = await this.readSale(salesOrderId);
      if (str(sale, 'state') === 'confirmed') {
        await this.rpc.button('sale.sale', 'process', [int(sale, 'id')]);
        sale = await this.readSale(salesOrderId);
      }
      const invoices = await this.rpc.read('account.invoice', asIds(sale.invoices), ['state', 'total_amount']);
      const live = invoices.filter((i) => str(i, 'state') !== 'cancelled' && !dec(i, 'total_amount').value.startsWith('-'));
      if (live.length === 0)
        throw new ErpError(ErpErrorCode.INVALID_STATE, `Sale ${salesOrderId} has no invoice to post (state ${str(sale, 'state')})`);
      const drafts = live.filter((i) => ['draft', 'validated'].includes(str(i, 'state'))).map((i) => int(i, 'id'));
      if (drafts.length) await this.rpc.button('account.invoice', 'post', drafts);
      return this.toInvoice(int(live[0], 'id'));
    });
  }

  /**
   * The account.invoice.pay wizard: start → fill all view fields (description = paymentKey) → "choice";
   * a partial payment answers with the "ask" form, answered with type "partial". Idempotent: a paid
   * invoice, or one with a payment line described by paymentKey, is returned as is.
   */
  async recordPayment(invoiceId: string, amountMinor: number, currency: string, paymentKey: string): Promise<ErpInvoice> {
    return this.locks.withLock(`invoice:${invoiceId}`, async () => {
      const id = this.parseId(invoiceId, 'invoice');
      const [inv] = await this.rpc.searchRead(
        'account.invoice',
        [['id', '=', id]],
        ['state', 'currency.code', 'amount_to_pay', 'payment_lines'],
      );
      if (!inv) throw new ErpError(ErpErrorCode.NOT_FOUND, `No Tryton invoice ${invoiceId}`);
      const invCurrency = relatedStr(inv, 'currency', 'code') ?? '';
      if (invCurrency !== currency) throw new ErpError(ErpErrorCode.VALIDATION, `Payment in ${currency} for an invoice in ${invCurrency}`);
      if (!Number.isInteger(amountMinor) || amountMinor <= 0)
        throw new ErpError(ErpErrorCode.VALIDATION, `Invalid payment amount ${amountMinor}`);
      const state = str(inv, 'state');
      if (state === 'paid') return this.toInvoice(id);
      const lines = await this.rpc.read('account.move.line', asIds(inv.payment_lines), ['description']);
      if (lines.some((l) => str(l, 'description') === paymentKey)) return this.toInvoice(id);
      if (state !== 'posted') throw new ErpError(ErpErrorCode.INVALID_STATE, `Invoice ${invoiceId} is ${state}, not posted`);
      const toPay = decimalToMinor(dec(inv, 'amount_to_pay'), currency);
      if (amountMinor > toPay)
        throw new ErpError(ErpErrorCode.VALIDATION, `Payment of ${amountMinor} exceeds the ${toPay} due on invoice ${invoiceId}`);
      await this.payWizard(id, amountMinor, currency, paymentKey);
      return this.toInvoice(id);
    });
  }

  /**
   * A credit note is an out invoice with negative quantities (Tryton 6.0 has no separate type), one per
   * creditKey (kept in invoice.reference as "weft-credit:<key>"), tagged with the sale in its
   * description, posted. Lines carry the returned products at amountMinor / quantity each, against the
   * product's revenue account, without taxes: amountMinor is taken as the gross amount refunded.
   * They are not linked to the sale lines (origin), which would make Tryton re-invoice the quantity.
   */
  async createCreditNote(input: ErpCreditNoteInput): Promise<ErpInvoice> {
    if (input.lines.length === 0) throw new ErpError(ErpErrorCode.VALIDATION, 'A credit note needs at least one line');
    const reference = creditReference(input.creditKey);
    return this.locks.withLock(`credit:${input.creditKey}`, async () => {
      const [existing] = await this.rpc.searchRead(
        'account.invoice',
        [
          ['reference', '=', reference],
          ['type', '=', 'out'],
        ],
        ['state'],
        { limit: 1, order: [['id', 'ASC']] },
      );
      if (existing) {
        if (['draft', 'validated'].includes(str(existing, 'state')))
          await this.rpc.button('account.invoice', 'post', [int(existing, 'id')]);
        return this.toInvoice(int(existing, 'id'));
      }
      const sale = await this.readSale(input.salesOrderId);
      const saleCurrency = relatedStr(sale, 'currency', 'code') ?? '';
      if (saleCurrency !== input.currency)
        throw new ErpError(ErpErrorCode.VALIDATION, `Credit in ${input.currency} for a sale in ${saleCurrency}`);
      const saleId = int(sale, 'id');
      const [header] = await this.rpc.read('sale.sale', [saleId], ['party', 'invoice_address', 'payment_term', 'currency']);
      const saleInvoices = await this.rpc.read('account.invoice', asIds(sale.invoices), ['account', 'journal']);
      const d = await this.defaults();
      const account = optInt(saleInvoices[0] ?? {}, 'account') ?? d.receivable;
      const journal = optInt(saleInvoices[0] ?? {}, 'journal') ?? d.revenueJournal;
      if (!account) throw new ErpError(ErpErrorCode.VALIDATION, 'No receivable account for the credit note');
      const products = await this.productsBySku(input.lines.map((l) => l.sku));
      const lines: TrytonRecord[] = [];
      for (const l of input.lines) {
        const p = products.get(l.sku)!;
        if (!(l.quantity > 0)) throw new ErpError(ErpErrorCode.VALIDATION, `Invalid credit quantity ${l.quantity} for ${l.sku}`);
        const revenue = optInt(related(p, 'account_category') ?? {}, 'account_revenue');
        if (!revenue) throw new ErpError(ErpErrorCode.VALIDATION, `Product ${l.sku} has no revenue account`);
        const taxIds = await this.taxes.idsFor(l.taxes);
        // The credited amount includes tax; the line carries it net and Tryton adds the same tax back.
        for (const piece of exactPieces(l.amountMinor - lineTax(l), l.quantity)) {
          lines.push({
            type: 'line',
            product: int(p, 'id'),
            description: `Return of ${l.sku}`,
            quantity: -piece.quantity,
            unit: int(p, 'default_uom'),
            unit_price: TrytonDecimal.fromMinor(piece.unitMinor, input.currency),
            account: revenue,
            taxes: [['add', taxIds]],
          });
        }
      }
      const [id] = await this.rpc.create('account.invoice', [
        {
          type: 'out',
          party: header.party,
          invoice_address: header.invoice_address,
          currency: header.currency,
          journal,
          account,
          payment_term: header.payment_term,
          reference,
          description: `Credit note ${input.creditKey} for sale ${str(sale, 'number') || saleId} ${saleTag(saleId)}`,
          lines: [['create', lines]],
        },
      ]);
      await this.rpc.button('account.invoice', 'post', [id]);
      return this.toInvoice(id);
    });
  }

  /**
   * Reconciliation read: per sale (by reference) its invoices and credit notes with tax and paid
   * amounts, and the payment lines reconciled against them (description = Weft's payment key).
   */
  async listPostings(externalReferences: string[]): Promise<ErpPostings[]> {
    if (externalReferences.length === 0) return [];
    const sales = await this.rpc.searchRead(
      'sale.sale',
      [['reference', 'in', externalReferences]],
      ['reference', 'currency.code', 'invoices'],
      {
        order: [['id', 'ASC']],
      },
    );
    const out: ErpPostings[] = [];
    for (const sale of sales) {
      const saleId = int(sale, 'id');
      const creditNotes = await this.rpc.search('account.invoice', [
        ['description', 'like', `%${saleTag(saleId)}`],
        ['type', '=', 'out'],
      ]);
      const ids = [...new Set([...asIds(sale.invoices), ...creditNotes])];
      const invoices = (await this.toInvoices(ids)).filter((i) => i.state !== 'draft' && i.state !== 'cancelled');
      const rows = await this.rpc.read('account.invoice', ids, ['payment_lines', 'currency.code']);
      const payments: ErpPostings['payments'] = [];
      for (const r of rows) {
        const currency = relatedStr(r, 'currency', 'code') ?? 'USD';
        const lines = await this.rpc.read('account.move.line', asIds(r.payment_lines), [
          'description',
          'move.description',
          'credit',
          'debit',
          'amount_second_currency',
        ]);
        for (const l of lines) {
          // amount_second_currency holds the invoice-currency amount when it is not the company's.
          const second = decimalToMinor(dec(l, 'amount_second_currency'), currency);
          const amount =
            second !== 0 ? Math.abs(second) : decimalToMinor(dec(l, 'credit'), currency) - decimalToMinor(dec(l, 'debit'), currency);
          // The pay wizard's description lands on the line or on its move, depending on the Tryton version.
          const key = optStr(l, 'description') ?? relatedStr(l, 'move', 'description') ?? '';
          payments.push({ paymentKey: key, invoiceId: String(int(r, 'id')), amountMinor: amount });
        }
      }
      out.push({
        externalReference: str(sale, 'reference'),
        salesOrderId: String(saleId),
        currency: relatedStr(sale, 'currency', 'code') ?? 'USD',
        invoices,
        payments,
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- returns

  /**
   * A customer return shipment (stock.shipment.out.return) with reference = receiptKey: incoming moves
   * from the customer location into the warehouse, received, then done into the storage zone (or the
   * given storage location). The port gives no customer for a receipt, so the shipment's customer is a
   * dedicated "Weft customer returns" party.
   */
  async receiveReturn(input: ErpReturnReceiptInput): Promise<ErpStockLevel[]> {
    if (input.lines.length === 0) throw new ErpError(ErpErrorCode.VALIDATION, 'A return receipt needs at least one line');
    return this.locks.withLock(`return:${input.receiptKey}`, async () => {
      const location = await this.resolveLocation(input.locationId);
      const d = await this.defaults();
      const [existing] = await this.rpc.search('stock.shipment.out.return', [['reference', '=', input.receiptKey]], {
        limit: 1,
        order: [['id', 'ASC']],
      });
      let id = existing;
      if (id === undefined) {
        const warehouse = location.type === 'warehouse' ? location.id : location.warehouse;
        if (!warehouse) throw new ErpError(ErpErrorCode.VALIDATION, `Location ${input.locationId} is not in a warehouse`);
        const [wh] = await this.rpc.read('stock.location', [warehouse], ['input_location']);
        const input_location = optInt(wh, 'input_location') ?? d.input;
        const products = await this.productsBySku(input.lines.map((l) => l.sku));
        const party = await this.returnsParty();
        [id] = await this.rpc.create('stock.shipment.out.return', [
          {
            customer: party.id,
            delivery_address: party.address,
            warehouse,
            reference: input.receiptKey,
            incoming_moves: [
              [
                'create',
                input.lines.map((l) => {
                  const p = products.get(l.sku)!;
                  return {
                    product: int(p, 'id'),
                    uom: int(p, 'default_uom'),
                    quantity: l.quantity,
                    from_location: d.customerLocation,
                    to_location: input_location,
                    unit_price: dec(p, 'cost_price'),
                  };
                }),
              ],
            ],
          },
        ]);
      }
      for (let step = 0; step < 4; step++) {
        const [s] = await this.rpc.read('stock.shipment.out.return', [id], ['state', 'inventory_moves']);
        const state = str(s, 'state');
        if (state === 'done') break;
        if (state === 'cancelled') throw new ErpError(ErpErrorCode.INVALID_STATE, `Return ${input.receiptKey} is cancelled`);
        // The incoming moves have no origin (no sale line in the port's input): Tryton warns, we acknowledge.
        if (state === 'draft') await this.acknowledgingWarnings(() => this.rpc.button('stock.shipment.out.return', 'receive', [id]));
        else if (state === 'received') {
          if (location.type !== 'warehouse') await this.rpc.write('stock.move', asIds(s.inventory_moves), { to_location: location.id });
          await this.acknowledgingWarnings(() => this.rpc.button('stock.shipment.out.return', 'done', [id]));
        }
      }
      return this.getStock([...new Set(input.lines.map((l) => l.sku))], input.locationId);
    });
  }

  /** A Tryton UserWarning is answered by creating res.user.warning for it (once) and calling again. */
  private async acknowledgingWarnings<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        const d = e instanceof ErpError ? (e.details as { tryton?: string; warning?: string } | undefined) : undefined;
        if (attempt >= 3 || d?.tryton !== 'UserWarning' || !d.warning) throw e;
        await this.rpc.create('res.user.warning', [{ user: await this.rpc.userId(), name: d.warning, always: false }]);
      }
    }
  }

  // ---------------------------------------------------------------- helpers: sales

  private async saleIdsByReference(reference: string): Promise<number[]> {
    return this.rpc.search('sale.sale', [['reference', '=', reference]], { order: [['id', 'ASC']] });
  }

  private async createSale(input: ErpSalesOrderInput): Promise<number> {
    const partyId = this.parseId(input.erpCustomerId, 'customer');
    const [party] = await this.rpc.searchRead('party.party', [['id', '=', partyId]], ['addresses', 'customer_payment_term']);
    if (!party) throw new ErpError(ErpErrorCode.VALIDATION, `Customer ${input.erpCustomerId} does not exist in Tryton`);
    const [currency] = await this.rpc.search('currency.currency', [['code', '=', input.currency]], { limit: 1 });
    if (currency === undefined) throw new ErpError(ErpErrorCode.VALIDATION, `Currency ${input.currency} is not set up in Tryton`);
    const products = await this.productsBySku(input.lines.map((l) => l.sku));
    const d = await this.defaults();
    let invoiceAddress = asIds(party.addresses)[0];
    if (invoiceAddress === undefined) {
      [invoiceAddress] = await this.rpc.create('party.address', [
        { party: partyId, ...(input.shippingAddress ? await this.addressValues(input.shippingAddress) : {}) },
      ]);
    }
    const shipmentAddress = input.shippingAddress ? await this.findOrCreateAddress(partyId, input.shippingAddress) : invoiceAddress;
    const location = input.locationId ? await this.resolveLocation(input.locationId) : null;
    const warehouse = location ? (location.type === 'warehouse' ? location.id : (location.warehouse ?? d.warehouse)) : d.warehouse;
    const lines = await this.saleLines(input, products);
    const paymentTerm = optInt(party, 'customer_payment_term') ?? d.paymentTerm;
    const [id] = await this.rpc.create('sale.sale', [
      {
        party: partyId,
        invoice_address: invoiceAddress,
        shipment_address: shipmentAddress,
        currency,
        warehouse,
        ...(paymentTerm ? { payment_term: paymentTerm } : {}),
        reference: input.externalReference,
        description: `${input.channel} ${input.externalReference}`.slice(0, 250),
        lines: [['create', lines]],
      },
    ]);
    await this.checkTotal(id, input);
    return id;
  }

  /**
   * Sale lines at the channel's net amounts (gross − discount, tax taken out when prices include it),
   * split so each is exact in minor units, with the channel's taxes as account.tax by ERP code, and
   * shipping as a service line with its own tax.
   */
  private async saleLines(input: ErpSalesOrderInput, products: Map<string, TrytonRecord>): Promise<TrytonRecord[]> {
    const incl = input.taxesIncluded === true;
    const out: TrytonRecord[] = [];
    for (const l of input.lines) {
      const p = products.get(l.sku)!;
      const taxIds = await this.taxes.idsFor(l.taxes);
      const net = l.unitPriceMinor * l.quantity - lineDiscount(l) - (incl ? lineTax(l) : 0);
      if (net < 0) throw new ErpError(ErpErrorCode.VALIDATION, `Line ${l.sku} is discounted below zero (${net})`);
      for (const piece of exactPieces(net, l.quantity)) {
        out.push({
          type: 'line',
          product: int(p, 'id'),
          description: l.description ?? str(p, 'rec_name'),
          quantity: piece.quantity,
          unit: int(p, 'default_uom'),
          unit_price: TrytonDecimal.fromMinor(piece.unitMinor, input.currency),
          taxes: [['add', taxIds]],
        });
      }
    }
    const first = products.get(input.lines[0].sku)!;
    for (const sh of input.shipping ?? []) {
      const taxIds = await this.taxes.idsFor(sh.taxes);
      const net = sh.priceMinor - sh.discountMinor - (incl ? sh.taxes.reduce((a, t) => a + t.amountMinor, 0) : 0);
      if (net === 0 && taxIds.length === 0) continue;
      out.push({
        type: 'line',
        product: await this.taxes.shippingProductId(categoryOf(first), int(first, 'default_uom')),
        description: sh.title,
        quantity: 1,
        unit: int(first, 'default_uom'),
        unit_price: TrytonDecimal.fromMinor(net, input.currency),
        taxes: [['add', taxIds]],
      });
    }
    return out;
  }

  /**
   * Tryton computes tax itself from the rate; when its rounding lands elsewhere than the channel's
   * amounts the draft sale is deleted and the order refused, rather than posting a total the customer
   * did not pay.
   */
  private async checkTotal(id: number, input: ErpSalesOrderInput): Promise<void> {
    const expected = documentTotals(input.lines, input.shipping, input.taxesIncluded);
    const [sale] = await this.rpc.read('sale.sale', [id], ['total_amount', 'tax_amount']);
    const total = decimalToMinor(dec(sale, 'total_amount'), input.currency);
    if (total === expected.totalMinor) return;
    await this.rpc.model('sale.sale', 'delete', [[id]]);
    throw new ErpError(
      ErpErrorCode.VALIDATION,
      `Tryton computes a total of ${total} for ${input.externalReference}, the channel charged ${expected.totalMinor}: not posted`,
      {
        trytonTotalMinor: total,
        channelTotalMinor: expected.totalMinor,
        trytonTaxMinor: decimalToMinor(dec(sale, 'tax_amount'), input.currency),
      },
    );
  }

  /** draft → quote → confirm (which runs process after commit) → process again if that failed. */
  private async advanceSale(id: number): Promise<void> {
    for (let step = 0; step < 4; step++) {
      const [sale] = await this.rpc.read('sale.sale', [id], ['state']);
      const state = str(sale, 'state');
      if (state === 'draft') await this.rpc.button('sale.sale', 'quote', [id]);
      else if (state === 'quotation') await this.rpc.button('sale.sale', 'confirm', [id]);
      else if (state === 'confirmed' && step < 3) await this.rpc.button('sale.sale', 'process', [id]);
      else return;
    }
  }

  private async readSale(id: string): Promise<TrytonRecord> {
    const saleId = this.parseId(id, 'sales order');
    // search_read, not read: reading a missing id is an access-rule error in Tryton, not "not found".
    const [sale] = await this.rpc.searchRead('sale.sale', [['id', '=', saleId]], SALE_FIELDS);
    if (!sale) throw new ErpError(ErpErrorCode.NOT_FOUND, `No Tryton sale ${id}`);
    return sale;
  }

  private async toSalesOrder(sale: TrytonRecord): Promise<ErpSalesOrder> {
    const saleId = int(sale, 'id');
    const currency = relatedStr(sale, 'currency', 'code') ?? (await this.defaults()).companyCurrency;
    const lineRows = (await this.rpc.read('sale.line', asIds(sale.lines), ['type', 'product.code', 'quantity', 'moves'])).filter(
      // Shipping is a service line: it is invoiced, never shipped, so it is not one of the order's goods.
      (l) => str(l, 'type') === 'line' && relatedStr(l, 'product', 'code') !== SHIPPING_CODE,
    );
    const moveIds = lineRows.flatMap((l) => asIds(l.moves));
    const moves = await this.rpc.read('stock.move', moveIds, ['state', 'quantity', 'to_location.type']);
    const shipped = new Map<number, number>();
    for (const m of moves) {
      if (str(m, 'state') === 'done' && relatedStr(m, 'to_location', 'type') === 'customer') shipped.set(int(m, 'id'), num(m, 'quantity'));
    }
    const lines = lineRows.map((l) => ({
      sku: relatedStr(l, 'product', 'code') ?? '',
      quantity: num(l, 'quantity'),
      shippedQuantity: asIds(l.moves).reduce((a, m) => a + (shipped.get(m) ?? 0), 0),
    }));
    const shipments = await Promise.all(asIds(sale.shipments).map((s) => this.toShipment(s)));
    const creditNotes = await this.rpc.search(
      'account.invoice',
      [
        ['description', 'like', `%${saleTag(saleId)}`],
        ['type', '=', 'out'],
      ],
      { order: [['id', 'ASC']] },
    );
    const invoiceIds = [...new Set([...asIds(sale.invoices), ...creditNotes])];
    const invoices = await this.toInvoices(invoiceIds);
    let state = mapSaleState(str(sale, 'state'));
    // A processing sale cancelled the Tryton way ends "done" with nothing shipped or invoiced.
    if (
      state === 'done' &&
      shipments.length > 0 &&
      shipments.every((s) => s.state === 'cancelled') &&
      invoices.every((i) => i.state === 'cancelled')
    ) {
      state = 'cancelled';
    }
    return {
      id: String(saleId),
      number: optStr(sale, 'number'),
      externalReference: str(sale, 'reference'),
      state,
      currency,
      totalMinor: decimalToMinor(dec(sale, 'total_amount'), currency),
      lines,
      shipments,
      invoices,
    };
  }

  private async toShipment(id: number): Promise<ErpShipment> {
    const [s] = await this.rpc.read('stock.shipment.out', [id], ['state', 'outgoing_moves', 'inventory_moves']);
    const state = str(s, 'state');
    const moves = await this.rpc.read('stock.move', asIds(s.outgoing_moves), ['product.code', 'quantity', 'state']);
    const bySku = new Map<string, number>();
    for (const m of moves) {
      if (str(m, 'state') === 'cancelled' && state !== 'cancelled') continue;
      const sku = relatedStr(m, 'product', 'code') ?? '';
      bySku.set(sku, (bySku.get(sku) ?? 0) + num(m, 'quantity'));
    }
    return { shipmentId: String(id), state: mapShipmentState(state), lines: [...bySku].map(([sku, quantity]) => ({ sku, quantity })) };
  }

  private async checkFullShipment(shipmentId: number, lines: { sku: string; quantity: number }[]): Promise<void> {
    const open = (await this.toShipment(shipmentId)).lines;
    const want = new Map<string, number>();
    for (const l of lines) want.set(l.sku, (want.get(l.sku) ?? 0) + l.quantity);
    const same = open.length === want.size && open.every((l) => want.get(l.sku) === l.quantity);
    if (!same) {
      throw new ErpError(
        ErpErrorCode.VALIDATION,
        'Partial shipments are not supported by the Tryton adapter: confirm the whole open shipment',
        { open, requested: lines },
      );
    }
  }

  private async ignoreException(saleId: number, wizard: string, field: 'moves' | 'invoices'): Promise<void> {
    const ctx = { active_model: 'sale.sale', active_id: saleId, active_ids: [saleId] };
    const created = await this.rpc.call(`wizard.${wizard}.create`, [], ctx);
    const [session, start] = Array.isArray(created) ? created : [];
    if (typeof session !== 'number' || typeof start !== 'string')
      throw new ErpError(ErpErrorCode.UNAVAILABLE, `Unexpected ${wizard}.create answer`);
    try {
      const form = await this.rpc.call(`wizard.${wizard}.execute`, [session, {}, start], ctx);
      const defaults = wizardDefaults(form);
      await this.rpc.call(
        `wizard.${wizard}.execute`,
        [session, { [start]: { [`recreate_${field}`]: [], [`domain_${field}`]: defaults[`domain_${field}`] ?? [] } }, 'handle'],
        ctx,
      );
    } finally {
      await this.rpc.call(`wizard.${wizard}.delete`, [session], ctx).catch(() => null);
    }
  }

  // ---------------------------------------------------------------- helpers: invoices

  private async toInvoice(id: number): Promise<ErpInvoice> {
    const [inv] = await this.toInvoices([id]);
    if (!inv) throw new ErpError(ErpErrorCode.NOT_FOUND, `No Tryton invoice ${id}`);
    return inv;
  }

  private async toInvoices(ids: number[]): Promise<ErpInvoice[]> {
    const rows = await this.rpc.read('account.invoice', ids, [
      'number',
      'state',
      'total_amount',
      'tax_amount',
      'amount_to_pay',
      'currency.code',
    ]);
    return rows.map((r) => {
      const currency = relatedStr(r, 'currency', 'code') ?? 'USD';
      const total = decimalToMinor(dec(r, 'total_amount'), currency);
      const state = mapInvoiceState(str(r, 'state'));
      const due = state === 'paid' ? 0 : Math.abs(decimalToMinor(dec(r, 'amount_to_pay'), currency));
      return {
        invoiceId: String(int(r, 'id')),
        number: optStr(r, 'number'),
        state,
        totalMinor: Math.abs(total),
        currency,
        kind: total < 0 ? 'credit-note' : 'invoice',
        taxMinor: Math.abs(decimalToMinor(dec(r, 'tax_amount'), currency)),
        paidMinor: state === 'draft' || state === 'cancelled' ? 0 : Math.abs(total) - due,
      };
    });
  }

  private async payWizard(invoiceId: number, amountMinor: number, currency: string, paymentKey: string): Promise<void> {
    const wizard = 'account.invoice.pay';
    const ctx = { active_model: 'account.invoice', active_id: invoiceId, active_ids: [invoiceId] };
    const created = await this.rpc.call(`wizard.${wizard}.create`, [], ctx);
    const [session] = Array.isArray(created) ? created : [];
    if (typeof session !== 'number') throw new ErpError(ErpErrorCode.UNAVAILABLE, 'Unexpected account.invoice.pay.create answer');
    try {
      const startForm = await this.rpc.call(`wizard.${wizard}.execute`, [session, {}, 'start'], ctx);
      const d = await this.defaults();
      const start: TrytonRecord = {
        ...formValues(startForm),
        amount: TrytonDecimal.fromMinor(amountMinor, currency),
        description: paymentKey,
        ...(d.paymentMethod ? { payment_method: d.paymentMethod } : {}),
      };
      const next = await this.rpc.call(`wizard.${wizard}.execute`, [session, { start }, 'choice'], ctx);
      if (isFinished(next)) return;
      // Less than the amount due: Tryton asks whether to keep the rest open (partial) or write it off.
      const ask: TrytonRecord = { ...formValues(next), type: 'partial' };
      const done = await this.rpc.call(`wizard.${wizard}.execute`, [session, { start, ask }, 'pay'], ctx);
      if (!isFinished(done)) throw new ErpError(ErpErrorCode.VALIDATION, 'Tryton did not finish the payment wizard', { answer: done });
    } finally {
      await this.rpc.call(`wizard.${wizard}.delete`, [session], ctx).catch(() => null);
    }
  }

  // ---------------------------------------------------------------- helpers: master data

  private async productsBySku(skus: string[]): Promise<Map<string, TrytonRecord>> {
    const unique = [...new Set(skus)];
    const rows = await this.rpc.searchRead(
      'product.product',
      [['code', 'in', unique]],
      ['code', 'rec_name', 'default_uom', 'cost_price', 'account_category.customer_taxes_used', 'account_category.account_revenue'],
    );
    const map = new Map(rows.map((r) => [str(r, 'code'), r]));
    const missing = unique.filter((s) => !map.has(s));
    if (missing.length) throw new ErpError(ErpErrorCode.VALIDATION, `Unknown SKU(s) in Tryton: ${missing.join(', ')}`, { missing });
    return map;
  }

  private async addressValues(a: ErpAddress): Promise<TrytonRecord> {
    const country = await this.countryId(a.countryCode);
    return {
      ...(a.name ? { name: a.name } : {}),
      street: [a.line1, a.line2].filter((s) => s).join('\n'),
      city: a.city,
      ...(a.postalCode ? { postal_code: a.postalCode } : {}),
      ...(country ? { country } : {}),
    };
  }

  private async findOrCreateAddress(partyId: number, a: ErpAddress): Promise<number> {
    const values = await this.addressValues(a);
    const domain: TrytonValue[] = [
      ['party', '=', partyId],
      ['street', '=', values.street],
      ['city', '=', values.city],
    ];
    if (values.postal_code) domain.push(['postal_code', '=', values.postal_code]);
    const [found] = await this.rpc.search('party.address', domain, { limit: 1 });
    if (found !== undefined) return found;
    const [id] = await this.rpc.create('party.address', [{ party: partyId, ...values }]);
    return id;
  }

  private async countryId(code: string): Promise<number | null> {
    const key = code.toUpperCase();
    if (!this.countries.has(key)) {
      const [id] = await this.rpc.search('country.country', [['code', '=', key]], { limit: 1 });
      this.countries.set(key, id ?? null);
    }
    return this.countries.get(key) ?? null;
  }

  private async returnsParty(): Promise<{ id: number; address: number }> {
    return this.locks.withLock(`party:${RETURNS_PARTY_CODE}`, async () => {
      const [found] = await this.rpc.searchRead('party.party', [['code', '=', RETURNS_PARTY_CODE]], ['addresses'], { limit: 1 });
      if (found && asIds(found.addresses).length) return { id: int(found, 'id'), address: asIds(found.addresses)[0] };
      const [id] = await this.rpc.create('party.party', [
        { name: 'Weft customer returns', code: RETURNS_PARTY_CODE, addresses: [['create', [{}]]] },
      ]);
      const [party] = await this.rpc.read('party.party', [id], ['addresses']);
      return { id, address: asIds(party.addresses)[0] };
    });
  }

  /**
   * A location given as a Tryton id ("3") or a stock.location code ("STO", "WH"); default the first
   * warehouse (its quantity includes the storage, input and output zones).
   */
  private async resolveLocation(weftLocationId?: string): Promise<ResolvedLocation> {
    const locationId = weftLocationId ? (this.locationMap[weftLocationId] ?? weftLocationId) : undefined;
    const d = await this.defaults();
    const domain: TrytonValue[] = !locationId
      ? [['id', '=', d.warehouse]]
      : /^\d+$/.test(locationId)
        ? [['id', '=', Number(locationId)]]
        : [['code', '=', locationId]];
    const [loc] = await this.rpc.searchRead('stock.location', domain, ['type', 'code', 'warehouse'], { limit: 1 });
    if (!loc) throw new ErpError(ErpErrorCode.VALIDATION, `Unknown Tryton stock location ${locationId}`);
    return {
      id: int(loc, 'id'),
      label: locationId ?? optStr(loc, 'code') ?? String(int(loc, 'id')),
      type: str(loc, 'type'),
      warehouse: optInt(loc, 'warehouse'),
    };
  }

  private defaults(): Promise<Defaults> {
    if (!this.defaultsPromise) {
      this.defaultsPromise = this.loadDefaults();
      this.defaultsPromise.catch(() => {
        this.defaultsPromise = null;
      });
    }
    return this.defaultsPromise;
  }

  private async loadDefaults(): Promise<Defaults> {
    const [wh] = await this.rpc.searchRead('stock.location', [['type', '=', 'warehouse']], ['storage_location', 'input_location'], {
      limit: 1,
      order: [['id', 'ASC']],
    });
    if (!wh) throw new ErpError(ErpErrorCode.VALIDATION, 'Tryton has no warehouse');
    const [customerLocation] = await this.rpc.search('stock.location', [['type', '=', 'customer']], { limit: 1, order: [['id', 'ASC']] });
    const [paymentTerm] = await this.rpc.search('account.invoice.payment_term', [], { limit: 1, order: [['id', 'ASC']] });
    const [journal] = await this.rpc.search('account.journal', [['type', '=', 'revenue']], { limit: 1, order: [['id', 'ASC']] });
    const methods = await this.rpc.searchRead('account.invoice.payment.method', [], ['name'], { order: [['id', 'ASC']] });
    const cash = methods.find((m) => str(m, 'name') === 'Cash') ?? methods[0];
    const [config] = await this.rpc.read('account.configuration', [1], ['default_account_receivable']).catch(() => [] as TrytonRecord[]);
    const ctx = await this.rpc.context();
    const company = typeof ctx.company === 'number' ? ctx.company : null;
    const [companyRow] = company ? await this.rpc.read('company.company', [company], ['currency.code']) : [];
    return {
      warehouse: int(wh, 'id'),
      storage: optInt(wh, 'storage_location') ?? int(wh, 'id'),
      input: optInt(wh, 'input_location') ?? int(wh, 'id'),
      customerLocation: customerLocation ?? 0,
      paymentTerm: paymentTerm ?? null,
      revenueJournal: journal ?? 0,
      paymentMethod: cash ? int(cash, 'id') : null,
      receivable: config ? optInt(config, 'default_account_receivable') : null,
      companyCurrency: (companyRow && relatedStr(companyRow, 'currency', 'code')) ?? 'USD',
    };
  }

  private parseId(id: string, what: string): number {
    if (!/^\d+$/.test(id)) throw new ErpError(ErpErrorCode.NOT_FOUND, `No Tryton ${what} ${id}`);
    return Number(id);
  }

  private remember(r: ErpReservation): void {
    this.reservations.delete(r.reservationKey);
    this.reservations.set(r.reservationKey, r);
    if (this.reservations.size > 10_000) this.reservations.delete(this.reservations.keys().next().value as string);
  }
}

export function mapSaleState(state: string): ErpOrderState {
  switch (state) {
    case 'draft':
    case 'quotation':
      return 'draft';
    case 'confirmed':
      return 'confirmed';
    case 'processing':
      return 'processing';
    case 'done':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'processing';
  }
}

function mapShipmentState(state: string): ErpShipment['state'] {
  switch (state) {
    case 'assigned':
    case 'picked':
    case 'packed':
    case 'done':
    case 'cancelled':
      return state;
    default:
      return 'waiting';
  }
}

function mapInvoiceState(state: string): ErpInvoice['state'] {
  switch (state) {
    case 'posted':
    case 'paid':
    case 'cancelled':
      return state;
    default:
      return 'draft';
  }
}

function wizardDefaults(answer: TrytonValue): TrytonRecord {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || answer instanceof TrytonDecimal) return {};
  const v = (answer as TrytonRecord).view;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const defaults = (v as TrytonRecord).defaults;
  return typeof defaults === 'object' && defaults !== null && !Array.isArray(defaults) ? (defaults as TrytonRecord) : {};
}

/** The values to send back for a wizard form: every view field (null when no default), no "x." keys. */
function formValues(answer: TrytonValue): TrytonRecord {
  const defaults = wizardDefaults(answer);
  const out: TrytonRecord = {};
  const view = typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as TrytonRecord).view : null;
  const fv = typeof view === 'object' && view !== null && !Array.isArray(view) ? (view as TrytonRecord).fields_view : null;
  const fields = typeof fv === 'object' && fv !== null && !Array.isArray(fv) ? (fv as TrytonRecord).fields : null;
  if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) for (const name of Object.keys(fields)) out[name] = null;
  for (const [k, v] of Object.entries(defaults)) if (!k.endsWith('.')) out[k] = v;
  return out;
}

function isFinished(answer: TrytonValue): boolean {
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer) && Object.keys(answer).length === 0;
}
