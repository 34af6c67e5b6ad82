import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ErpReservation } from '../erp.port';

/** The reference ERP's own tables (erp_*): it behaves like a real ERP, with its own keys and rules. */
@Entity('erp_products')
export class ErpProductRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'integer' }) listPriceMinor: number;
  @Column({ type: 'varchar', length: 3 }) currency: string;
}

@Entity('erp_stock')
export class ErpStockRow {
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) locationId: string;
  @Column({ type: 'integer' }) onHand: number;
  @Column({ type: 'integer', default: 0 }) reserved: number;
}

@Entity('erp_reservations')
export class ErpReservationRow {
  @PrimaryColumn({ type: 'varchar', length: 200 }) reservationKey: string;
  /** 'expired': nobody confirmed it within RESERVATION_TTL_SECONDS, so the sweep gave its stock back. */
  @Column({ type: 'varchar', length: 16 }) state: ErpReservation['state'];
  /** JSON: [{sku, quantity, locationId}] */
  @Column({ type: 'text' }) lines: string;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  /** ISO time after which an unconfirmed hold is swept; null once a sales order confirmed it (or for rows from before expiry existed). */
  @Index() @Column({ type: 'varchar', length: 30, nullable: true }) expiresAt: string | null;
}

@Entity('erp_customers')
export class ErpCustomerRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 200 }) customerKey: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
}

@Entity('erp_sales_orders')
export class ErpSalesOrderRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  /** Unique: creating a sales order twice for one external reference returns the first. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 200 }) externalReference: string;
  @Column({ type: 'varchar', length: 40 }) customerId: string;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'varchar', length: 16 }) state: 'confirmed' | 'processing' | 'done' | 'cancelled';
  @Column({ type: 'integer' }) totalMinor: number;
  /** JSON: [{sku, quantity, unitPriceMinor (gross), discounts, taxes, shippedQuantity}] */
  @Column({ type: 'text' }) lines: string;
  /** JSON: [{title, code, priceMinor, discountMinor, taxes}] */
  @Column({ type: 'text', nullable: true }) shipping: string | null;
  @Column({ type: 'boolean', default: false }) taxesIncluded: boolean;
  @Column({ type: 'integer', default: 0 }) taxMinor: number;
  @Column({ type: 'integer', default: 0 }) discountMinor: number;
  @Column({ type: 'varchar', length: 64 }) locationId: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) reservationKey: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  /** When it was cancelled: the cancellation feed reads forward along this, as it reads Tryton's write_date. */
  @Index() @Column({ type: 'varchar', length: 30, nullable: true }) cancelledAt: string | null;
}

@Entity('erp_shipments')
export class ErpShipmentRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Index() @Column({ type: 'varchar', length: 40 }) salesOrderId: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 200 }) shipmentKey: string;
  @Column({ type: 'text' }) lines: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) carrier: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) trackingNumber: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
}

@Entity('erp_invoices')
export class ErpInvoiceRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Index() @Column({ type: 'varchar', length: 40 }) salesOrderId: string;
  /** "invoice:<salesOrderId>" or "credit:<creditKey>": one document per business key. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 220 }) documentKey: string;
  @Column({ type: 'varchar', length: 16 }) kind: 'invoice' | 'credit-note';
  @Column({ type: 'varchar', length: 16 }) state: 'posted' | 'paid' | 'cancelled';
  @Column({ type: 'integer' }) totalMinor: number;
  @Column({ type: 'integer', default: 0 }) paidMinor: number;
  @Column({ type: 'integer', default: 0 }) taxMinor: number;
  @Column({ type: 'integer', default: 0 }) discountMinor: number;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'text', nullable: true }) lines: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
}

@Entity('erp_payments')
export class ErpPaymentRow {
  @PrimaryColumn({ type: 'varchar', length: 200 }) paymentKey: string;
  @Index() @Column({ type: 'varchar', length: 40 }) invoiceId: string;
  @Column({ type: 'integer' }) amountMinor: number;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
}

@Entity('erp_receipts')
export class ErpReceiptRow {
  @PrimaryColumn({ type: 'varchar', length: 200 }) receiptKey: string;
  @Column({ type: 'varchar', length: 64 }) locationId: string;
  @Column({ type: 'text' }) lines: string;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
}

export const REFERENCE_ERP_ENTITIES = [
  ErpProductRow,
  ErpStockRow,
  ErpReservationRow,
  ErpCustomerRow,
  ErpSalesOrderRow,
  ErpShipmentRow,
  ErpInvoiceRow,
  ErpPaymentRow,
  ErpReceiptRow,
];
