import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { SystemConfig } from '../../system.config';
import { ErpError, ErpErrorCode } from '../erp.errors';
import {
  ErpCancelledSalesOrder,
  ErpCreditNoteInput,
  ErpDiscountInput,
  ErpPostings,
  ErpTaxInput,
  ErpCustomer,
  ErpProduct,
  ErpCustomerInput,
  ErpInvoice,
  ErpPort,
  ErpReservation,
  ErpReservationInput,
  ErpReturnReceiptInput,
  ErpSalesOrder,
  ErpSalesOrderInput,
  ErpShipment,
  ErpShipmentInput,
  ErpStockLevel,
} from '../erp.port';
import { documentTotals } from '../erp-document';
import { ERP_CLOCK, ErpClock } from '../erp-clock.port';
import {
  ErpCustomerRow,
  ErpInvoiceRow,
  ErpPaymentRow,
  ErpProductRow,
  ErpReceiptRow,
  ErpReservationRow,
  ErpSalesOrderRow,
  ErpShipmentRow,
  ErpStockRow,
} from './reference-erp.entities';

export const DEFAULT_LOCATION = 'WH-MAIN';

interface ReservedLine {
  sku: string;
  quantity: number;
  locationId: string;
}

/** A hold in these states can be taken again under its key (an expired hold, or one a failed order gave back). */
const REHOLDABLE = ['expired', 'released'] as const;

interface SoLine {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  discounts?: ErpDiscountInput[];
  taxes?: ErpTaxInput[];
  shippedQuantity: number;
}

const now = (): string => new Date().toISOString();
const newId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 13)}`;

/**
 * An ERP that lives in system-api's own tables and behaves like the real ones: it owns stock with
 * reservations, sales orders are unique per external reference, and it enforces a concurrency limit
 * (429 beyond, like NetSuite's base tier). Latency and failures can be injected for resilience tests.
 */
@Injectable()
export class ReferenceErpAdapter implements ErpPort {
  readonly name = 'reference';
  private inFlight = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: SystemConfig,
    @Inject(ERP_CLOCK) private readonly clock: ErpClock,
  ) {}

  private expiresAt(): string {
    return new Date(this.clock.now() + this.config.RESERVATION_TTL_SECONDS * 1000).toISOString();
  }

  /** The ERP's own governance: more than the limit in flight is refused, as a real ERP's API would. */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.config.ERP_CONCURRENCY_LIMIT) {
      throw new ErpError(ErpErrorCode.UNAVAILABLE, `ERP concurrency limit of ${this.config.ERP_CONCURRENCY_LIMIT} exceeded (429)`, {
        status: 429,
      });
    }
    this.inFlight++;
    try {
      if (this.config.ERP_LATENCY_MS > 0) await new Promise((r) => setTimeout(r, this.config.ERP_LATENCY_MS));
      if (this.config.ERP_FAILURE_RATE > 0 && Math.random() < this.config.ERP_FAILURE_RATE) {
        throw new ErpError(ErpErrorCode.UNAVAILABLE, 'ERP injected failure (503)', { status: 503 });
      }
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  getProducts(skus: string[]): Promise<ErpProduct[]> {
    return this.guarded(async () => {
      const rows = await this.uow.serialised(() => this.uow.manager.findBy(ErpProductRow, { sku: In(skus) }));
      return rows.map((r) => ({ sku: r.sku, name: r.name, listPriceMinor: r.listPriceMinor, currency: r.currency }));
    });
  }

  findOrCreateCustomer(input: ErpCustomerInput): Promise<ErpCustomer> {
    return this.guarded(async () => {
      const existing = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpCustomerRow, { customerKey: input.customerKey }));
      if (existing) return { erpCustomerId: existing.id, customerKey: existing.customerKey, created: false };
      const row: ErpCustomerRow = {
        id: newId('C'),
        customerKey: input.customerKey,
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        address: input.address ? JSON.stringify(input.address) : null,
      };
      try {
        await this.uow.run((m) => m.insert(ErpCustomerRow, row));
        return { erpCustomerId: row.id, customerKey: row.customerKey, created: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const winner = await this.uow.manager.findOneByOrFail(ErpCustomerRow, { customerKey: input.customerKey });
        return { erpCustomerId: winner.id, customerKey: winner.customerKey, created: false };
      }
    });
  }

  createSalesOrder(input: ErpSalesOrderInput): Promise<ErpSalesOrder> {
    return this.guarded(async () => {
      const found = await this.findByReference(input.externalReference);
      if (found) return found;
      if (input.lines.length === 0) throw new ErpError(ErpErrorCode.VALIDATION, 'A sales order needs at least one line');
      const skus = [...new Set(input.lines.map((l) => l.sku))];
      const products = await this.uow.serialised(() => this.uow.manager.findBy(ErpProductRow, { sku: In(skus) }));
      const unknown = skus.filter((s) => !products.some((p) => p.sku === s));
      if (unknown.length > 0)
        throw new ErpError(ErpErrorCode.VALIDATION, `Unknown item(s): ${unknown.join(', ')}`, { unknownSkus: unknown });
      const lines: SoLine[] = input.lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        discounts: l.discounts ?? [],
        taxes: l.taxes ?? [],
        shippedQuantity: 0,
      }));
      const totals = documentTotals(input.lines, input.shipping, input.taxesIncluded);
      const row: ErpSalesOrderRow = {
        id: newId('SO'),
        externalReference: input.externalReference,
        customerId: input.erpCustomerId,
        currency: input.currency,
        state: 'confirmed',
        totalMinor: totals.totalMinor,
        lines: JSON.stringify(lines),
        shipping: input.shipping?.length ? JSON.stringify(input.shipping) : null,
        taxesIncluded: input.taxesIncluded === true,
        taxMinor: totals.taxMinor,
        discountMinor: totals.discountMinor,
        locationId: input.locationId ?? DEFAULT_LOCATION,
        reservationKey: input.reservationKey ?? null,
        createdAt: now(),
        cancelledAt: null,
      };
      try {
        await this.uow.run(async (m) => {
          await m.insert(ErpSalesOrderRow, row);
          if (input.reservationKey) await this.confirmReservation(m, input.reservationKey);
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      return (await this.findByReference(input.externalReference))!;
    });
  }

  findSalesOrderByReference(externalReference: string): Promise<ErpSalesOrder | null> {
    return this.guarded(() => this.findByReference(externalReference));
  }

  getSalesOrder(id: string): Promise<ErpSalesOrder> {
    return this.guarded(async () => {
      const row = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpSalesOrderRow, { id }));
      if (!row) throw new ErpError(ErpErrorCode.NOT_FOUND, `No sales order ${id}`);
      return this.toSalesOrder(row);
    });
  }

  cancelSalesOrder(id: string): Promise<ErpSalesOrder> {
    return this.guarded(async () => {
      await this.uow.run(async (m) => {
        const row = await m.findOneBy(ErpSalesOrderRow, { id });
        if (!row) throw new ErpError(ErpErrorCode.NOT_FOUND, `No sales order ${id}`);
        if (row.state === 'cancelled') return;
        const lines = JSON.parse(row.lines) as SoLine[];
        if (lines.some((l) => l.shippedQuantity > 0))
          throw new ErpError(ErpErrorCode.INVALID_STATE, `Sales order ${id} has shipped and cannot be cancelled`);
        await m.update(ErpSalesOrderRow, { id }, { state: 'cancelled', cancelledAt: new Date(this.clock.now()).toISOString() });
      });
      return this.getSalesOrderUnguarded(id);
    });
  }

  listCancelledSalesOrders(since: string, limit: number): Promise<ErpCancelledSalesOrder[]> {
    return this.guarded(async () => {
      const rows = await this.uow.serialised(() =>
        this.uow.manager.find(ErpSalesOrderRow, {
          where: { state: 'cancelled', cancelledAt: MoreThanOrEqual(since) },
          order: { cancelledAt: 'ASC', id: 'ASC' },
          take: limit,
        }),
      );
      return rows.map((r) => ({ salesOrderId: r.id, number: r.id, externalReference: r.externalReference, cancelledAt: r.cancelledAt! }));
    });
  }

  getStock(skus: string[], locationId?: string): Promise<ErpStockLevel[]> {
    return this.guarded(async () => {
      const where = locationId ? { sku: In(skus), locationId } : { sku: In(skus) };
      const rows = await this.uow.serialised(() => this.uow.manager.find(ErpStockRow, { where, order: { sku: 'ASC', locationId: 'ASC' } }));
      return rows.map((r) => ({ sku: r.sku, locationId: r.locationId, onHand: r.onHand, reserved: r.reserved }));
    });
  }

  /**
   * Idempotent by key: a live hold is returned as it is; a hold that expired (or that a failed order gave
   * back) is taken again, so an order that resumes after its reservation lapsed simply reserves once more.
   * An unconfirmed hold lasts RESERVATION_TTL_SECONDS; the sales order that uses it confirms it.
   */
  reserveStock(input: ErpReservationInput): Promise<ErpReservation> {
    return this.guarded(async () => {
      const locationId = input.locationId ?? DEFAULT_LOCATION;
      const lines = input.lines.map((l) => ({ ...l, locationId }));
      try {
        await this.uow.run(async (m) => {
          await m.insert(ErpReservationRow, {
            reservationKey: input.reservationKey,
            state: 'held',
            lines: JSON.stringify(lines),
            createdAt: new Date(this.clock.now()).toISOString(),
            expiresAt: this.expiresAt(),
          });
          for (const line of lines) await this.take(m, line.sku, locationId, line.quantity);
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        await this.uow.run((m) => this.rehold(m, input.reservationKey, this.expiresAt()));
      }
      return this.toReservation(
        await this.uow.serialised(() => this.uow.manager.findOneByOrFail(ErpReservationRow, { reservationKey: input.reservationKey })),
      );
    });
  }

  /** The state flip is conditional, so two callers (or a caller and the sweep) cannot both take the stock. */
  private async rehold(m: EntityManager, reservationKey: string, expiresAt: string | null): Promise<boolean> {
    const row = await m.findOneBy(ErpReservationRow, { reservationKey });
    if (!row || !(REHOLDABLE as readonly string[]).includes(row.state)) return false;
    const flipped = await m
      .createQueryBuilder()
      .update(ErpReservationRow)
      .set({ state: 'held', expiresAt })
      .where('"reservationKey" = :reservationKey AND "state" = :state', { reservationKey, state: row.state })
      .execute();
    if (!flipped.affected) return false;
    for (const l of JSON.parse(row.lines) as ReservedLine[]) await this.take(m, l.sku, l.locationId, l.quantity);
    return true;
  }

  /** A sales order confirms its reservation: it no longer expires. One that lapsed meanwhile is taken again (or the create fails out of stock). */
  private async confirmReservation(m: EntityManager, reservationKey: string): Promise<void> {
    const confirmed = await m
      .createQueryBuilder()
      .update(ErpReservationRow)
      .set({ expiresAt: null })
      .where('"reservationKey" = :reservationKey AND "state" = \'held\'', { reservationKey })
      .execute();
    if (!confirmed.affected) await this.rehold(m, reservationKey, null);
  }

  /**
   * The expiry sweep: up to `limit` holds past their time give their stock back, oldest first. Each is
   * expired by a conditional update in its own transaction, so a sales order confirming it at the same
   * moment, or a second replica sweeping, wins or loses cleanly. Returns how many expired.
   */
  async expireDueReservations(limit: number): Promise<number> {
    const nowIso = new Date(this.clock.now()).toISOString();
    const due = await this.uow.serialised(() =>
      this.uow.manager.find(ErpReservationRow, {
        where: { state: 'held', expiresAt: LessThanOrEqual(nowIso) },
        order: { expiresAt: 'ASC' },
        take: limit,
      }),
    );
    let expired = 0;
    for (const candidate of due) {
      const done = await this.uow.run(async (m) => {
        const flipped = await m
          .createQueryBuilder()
          .update(ErpReservationRow)
          .set({ state: 'expired' })
          .where('"reservationKey" = :key AND "state" = \'held\' AND "expiresAt" IS NOT NULL AND "expiresAt" <= :nowIso', {
            key: candidate.reservationKey,
            nowIso,
          })
          .execute();
        if (!flipped.affected) return false;
        await this.giveBack(m, JSON.parse(candidate.lines) as ReservedLine[]);
        return true;
      });
      if (done) expired++;
    }
    return expired;
  }

  private async giveBack(m: EntityManager, lines: ReservedLine[]): Promise<void> {
    for (const l of lines) {
      await m
        .createQueryBuilder()
        .update(ErpStockRow)
        .set({ reserved: () => `"reserved" - ${Number(l.quantity)}` })
        .where({ sku: l.sku, locationId: l.locationId })
        .execute();
    }
  }

  /** Atomic: the condition and the increment are one statement, so the last unit is sold once. */
  private async take(m: EntityManager, sku: string, locationId: string, quantity: number): Promise<void> {
    const result = await m
      .createQueryBuilder()
      .update(ErpStockRow)
      .set({ reserved: () => `"reserved" + ${Number(quantity)}` })
      .where('"sku" = :sku AND "locationId" = :locationId AND "onHand" - "reserved" >= :quantity', { sku, locationId, quantity })
      .execute();
    if (!result.affected) {
      throw new ErpError(ErpErrorCode.OUT_OF_STOCK, `Not enough stock of ${sku} at ${locationId}`, {
        sku,
        locationId,
        requested: quantity,
      });
    }
  }

  releaseReservation(reservationKey: string): Promise<ErpReservation | null> {
    return this.guarded(async () => {
      await this.uow.run(async (m) => {
        const row = await m.findOneBy(ErpReservationRow, { reservationKey });
        if (!row || row.state !== 'held') return;
        // Conditional, like the sweep's: a hold the sweep expired a moment ago is not given back twice.
        const flipped = await m
          .createQueryBuilder()
          .update(ErpReservationRow)
          .set({ state: 'released', expiresAt: null })
          .where('"reservationKey" = :reservationKey AND "state" = \'held\'', { reservationKey })
          .execute();
        if (flipped.affected) await this.giveBack(m, JSON.parse(row.lines) as ReservedLine[]);
      });
      const row = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpReservationRow, { reservationKey }));
      return row ? this.toReservation(row) : null;
    });
  }

  confirmShipment(salesOrderId: string, input: ErpShipmentInput): Promise<ErpShipment> {
    return this.guarded(async () => {
      const existing = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpShipmentRow, { shipmentKey: input.shipmentKey }));
      if (existing) return this.toShipment(existing);
      const id = newId('SH');
      await this.uow.run(async (m) => {
        const so = await m.findOneBy(ErpSalesOrderRow, { id: salesOrderId });
        if (!so) throw new ErpError(ErpErrorCode.NOT_FOUND, `No sales order ${salesOrderId}`);
        if (so.state === 'cancelled') throw new ErpError(ErpErrorCode.INVALID_STATE, `Sales order ${salesOrderId} is cancelled`);
        const lines = JSON.parse(so.lines) as SoLine[];
        const requested =
          input.lines ?? lines.map((l) => ({ sku: l.sku, quantity: l.quantity - l.shippedQuantity })).filter((l) => l.quantity > 0);
        if (requested.length === 0) throw new ErpError(ErpErrorCode.INVALID_STATE, `Sales order ${salesOrderId} is fully shipped`);
        for (const r of requested) {
          const line = lines.find((l) => l.sku === r.sku);
          if (!line) throw new ErpError(ErpErrorCode.VALIDATION, `${r.sku} is not on sales order ${salesOrderId}`);
          if (r.quantity <= 0 || line.shippedQuantity + r.quantity > line.quantity) {
            throw new ErpError(
              ErpErrorCode.VALIDATION,
              `Cannot ship ${r.quantity} of ${r.sku}: ${line.quantity - line.shippedQuantity} open`,
            );
          }
          line.shippedQuantity += r.quantity;
          await this.consume(m, so, r.sku, r.quantity);
        }
        const done = lines.every((l) => l.shippedQuantity >= l.quantity);
        await m.update(ErpSalesOrderRow, { id: so.id }, { lines: JSON.stringify(lines), state: done ? 'done' : 'processing' });
        await m.insert(ErpShipmentRow, {
          id,
          salesOrderId,
          shipmentKey: input.shipmentKey,
          lines: JSON.stringify(requested),
          carrier: input.carrier ?? null,
          trackingNumber: input.trackingNumber ?? null,
          createdAt: now(),
        });
      });
      return this.toShipment(await this.uow.serialised(() => this.uow.manager.findOneByOrFail(ErpShipmentRow, { id })));
    });
  }

  /** Goods leave: on-hand drops, and so does the reservation that held them. */
  private async consume(m: EntityManager, so: ErpSalesOrderRow, sku: string, quantity: number): Promise<void> {
    const reserved = so.reservationKey ? await m.findOneBy(ErpReservationRow, { reservationKey: so.reservationKey }) : null;
    const fromReservation = reserved?.state === 'held' ? quantity : 0;
    await m
      .createQueryBuilder()
      .update(ErpStockRow)
      .set({ onHand: () => `"onHand" - ${Number(quantity)}`, reserved: () => `"reserved" - ${Number(fromReservation)}` })
      .where({ sku, locationId: so.locationId })
      .execute();
  }

  postInvoice(salesOrderId: string): Promise<ErpInvoice> {
    return this.guarded(async () => {
      const so = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpSalesOrderRow, { id: salesOrderId }));
      if (!so) throw new ErpError(ErpErrorCode.NOT_FOUND, `No sales order ${salesOrderId}`);
      const documentKey = `invoice:${salesOrderId}`;
      try {
        await this.uow.run((m) =>
          m.insert(ErpInvoiceRow, {
            id: newId('INV'),
            salesOrderId,
            documentKey,
            kind: 'invoice',
            state: 'posted',
            totalMinor: so.totalMinor,
            paidMinor: 0,
            taxMinor: so.taxMinor,
            discountMinor: so.discountMinor,
            currency: so.currency,
            lines: JSON.stringify({ lines: JSON.parse(so.lines) as unknown, shipping: JSON.parse(so.shipping ?? '[]') as unknown }),
            createdAt: now(),
          }),
        );
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      return this.toInvoice(await this.uow.serialised(() => this.uow.manager.findOneByOrFail(ErpInvoiceRow, { documentKey })));
    });
  }

  recordPayment(invoiceId: string, amountMinor: number, currency: string, paymentKey: string): Promise<ErpInvoice> {
    return this.guarded(async () => {
      await this.uow.run(async (m) => {
        const inv = await m.findOneBy(ErpInvoiceRow, { id: invoiceId });
        if (!inv) throw new ErpError(ErpErrorCode.NOT_FOUND, `No invoice ${invoiceId}`);
        if (inv.currency !== currency)
          throw new ErpError(ErpErrorCode.VALIDATION, `Payment in ${currency} for an invoice in ${inv.currency}`);
        if (await m.findOneBy(ErpPaymentRow, { paymentKey })) return;
        await m.insert(ErpPaymentRow, { paymentKey, invoiceId, amountMinor, createdAt: now() });
        const paid = inv.paidMinor + amountMinor;
        await m.update(ErpInvoiceRow, { id: invoiceId }, { paidMinor: paid, state: paid >= inv.totalMinor ? 'paid' : 'posted' });
      });
      return this.toInvoice(await this.uow.serialised(() => this.uow.manager.findOneByOrFail(ErpInvoiceRow, { id: invoiceId })));
    });
  }

  createCreditNote(input: ErpCreditNoteInput): Promise<ErpInvoice> {
    return this.guarded(async () => {
      const so = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpSalesOrderRow, { id: input.salesOrderId }));
      if (!so) throw new ErpError(ErpErrorCode.NOT_FOUND, `No sales order ${input.salesOrderId}`);
      const documentKey = `credit:${input.creditKey}`;
      const total = input.lines.reduce((a, l) => a + l.amountMinor, 0);
      const tax = input.lines.reduce((a, l) => a + (l.taxes ?? []).reduce((b, t) => b + t.amountMinor, 0), 0);
      const discount = input.lines.reduce((a, l) => a + (l.discountMinor ?? 0), 0);
      try {
        await this.uow.run((m) =>
          m.insert(ErpInvoiceRow, {
            id: newId('CN'),
            salesOrderId: so.id,
            documentKey,
            kind: 'credit-note',
            state: 'posted',
            totalMinor: total,
            paidMinor: 0,
            taxMinor: tax,
            discountMinor: discount,
            currency: input.currency,
            lines: JSON.stringify(input.lines),
            createdAt: now(),
          }),
        );
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      return this.toInvoice(await this.uow.serialised(() => this.uow.manager.findOneByOrFail(ErpInvoiceRow, { documentKey })));
    });
  }

  receiveReturn(input: ErpReturnReceiptInput): Promise<ErpStockLevel[]> {
    return this.guarded(async () => {
      try {
        await this.uow.run(async (m) => {
          await m.insert(ErpReceiptRow, {
            receiptKey: input.receiptKey,
            locationId: input.locationId,
            lines: JSON.stringify(input.lines),
            createdAt: now(),
          });
          for (const l of input.lines) {
            const result = await m
              .createQueryBuilder()
              .update(ErpStockRow)
              .set({ onHand: () => `"onHand" + ${Number(l.quantity)}` })
              .where({ sku: l.sku, locationId: input.locationId })
              .execute();
            if (!result.affected)
              await m.insert(ErpStockRow, { sku: l.sku, locationId: input.locationId, onHand: l.quantity, reserved: 0 });
          }
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      const skus = input.lines.map((l) => l.sku);
      const rows = await this.uow.serialised(() => this.uow.manager.findBy(ErpStockRow, { sku: In(skus), locationId: input.locationId }));
      return rows.map((r) => ({ sku: r.sku, locationId: r.locationId, onHand: r.onHand, reserved: r.reserved }));
    });
  }

  listPostings(externalReferences: string[]): Promise<ErpPostings[]> {
    return this.guarded(async () => {
      if (externalReferences.length === 0) return [];
      const m = this.uow.manager;
      const orders = await this.uow.serialised(() => m.findBy(ErpSalesOrderRow, { externalReference: In(externalReferences) }));
      const ids = orders.map((o) => o.id);
      const invoices = ids.length
        ? await this.uow.serialised(() =>
            m.find(ErpInvoiceRow, { where: { salesOrderId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }),
          )
        : [];
      const invoiceIds = invoices.map((i) => i.id);
      const payments = invoiceIds.length ? await this.uow.serialised(() => m.findBy(ErpPaymentRow, { invoiceId: In(invoiceIds) })) : [];
      // Grouped once: a page of 500 orders would otherwise scan every invoice and payment per order.
      const invoicesOf = groupBy(invoices, (i) => i.salesOrderId);
      const paymentsOf = groupBy(payments, (p) => p.invoiceId);
      return orders.map((o) => {
        const own = invoicesOf.get(o.id) ?? [];
        return {
          externalReference: o.externalReference,
          salesOrderId: o.id,
          currency: o.currency,
          invoices: own.map((i) => this.toInvoice(i)),
          payments: own
            .flatMap((i) => paymentsOf.get(i.id) ?? [])
            .map((p) => ({ paymentKey: p.paymentKey, invoiceId: p.invoiceId, amountMinor: p.amountMinor })),
        };
      });
    });
  }

  private async findByReference(externalReference: string): Promise<ErpSalesOrder | null> {
    const row = await this.uow.serialised(() => this.uow.manager.findOneBy(ErpSalesOrderRow, { externalReference }));
    return row ? this.toSalesOrder(row) : null;
  }

  private async getSalesOrderUnguarded(id: string): Promise<ErpSalesOrder> {
    return this.toSalesOrder(await this.uow.serialised(() => this.uow.manager.findOneByOrFail(ErpSalesOrderRow, { id })));
  }

  private async toSalesOrder(row: ErpSalesOrderRow): Promise<ErpSalesOrder> {
    const [shipments, invoices] = await this.uow.serialised(() =>
      Promise.all([
        this.uow.manager.find(ErpShipmentRow, { where: { salesOrderId: row.id }, order: { createdAt: 'ASC' } }),
        this.uow.manager.find(ErpInvoiceRow, { where: { salesOrderId: row.id }, order: { createdAt: 'ASC' } }),
      ]),
    );
    const lines = JSON.parse(row.lines) as SoLine[];
    return {
      id: row.id,
      number: row.id,
      externalReference: row.externalReference,
      state: row.state,
      currency: row.currency,
      totalMinor: row.totalMinor,
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, shippedQuantity: l.shippedQuantity })),
      shipments: shipments.map((s) => this.toShipment(s)),
      invoices: invoices.map((i) => this.toInvoice(i)),
    };
  }

  private toShipment(s: ErpShipmentRow): ErpShipment {
    return {
      shipmentId: s.id,
      state: 'done',
      lines: JSON.parse(s.lines) as { sku: string; quantity: number }[],
      carrier: s.carrier ?? undefined,
      trackingNumber: s.trackingNumber ?? undefined,
    };
  }

  private toInvoice(i: ErpInvoiceRow): ErpInvoice {
    return {
      invoiceId: i.id,
      number: i.id,
      state: i.state,
      totalMinor: i.totalMinor,
      currency: i.currency,
      kind: i.kind,
      taxMinor: i.taxMinor,
      discountMinor: i.discountMinor,
      paidMinor: i.paidMinor,
    };
  }

  private toReservation(r: ErpReservationRow): ErpReservation {
    return { reservationKey: r.reservationKey, state: r.state, lines: JSON.parse(r.lines) as ErpReservation['lines'] };
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
