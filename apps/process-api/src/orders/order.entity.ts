import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { OrderState } from './order-state';
import { WorkflowRowColumns } from '../workflow/workflow-row.columns';

@Entity('orders')
@Index(['nextAttemptAt'])
/** The runner's claim walks only rows with work pending, oldest first (finished rows have no next attempt). */
@Index('IDX_orders_due', ['createdAt', 'id'], { where: '"nextAttemptAt" IS NOT NULL' })
/** Reconciliation pages a window by this keyset (createdAt, id) without sorting the table. */
@Index(['createdAt', 'id'])
export class OrderRecord extends WorkflowRowColumns {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  /** channel:externalId — the business id every step and ERP document is keyed on. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 240 }) businessKey: string;
  @Column({ type: 'varchar', length: 20 }) channel: string;
  @Column({ type: 'varchar', length: 200 }) externalId: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) orderNumber: string | null;
  @Column({ type: 'varchar', length: 24 }) state: OrderState;
  /** The canonical order (JSON), as last accepted from the channel. */
  @Column({ type: 'text' }) document: string;
  @Column({ type: 'varchar', length: 40 }) sourceUpdatedAt: string;
  @Column({ type: 'varchar', length: 24 }) financialStatus: string;
  @Column({ type: 'boolean', default: false }) paymentCaptured: boolean;
  @Column({ type: 'boolean', default: false }) cancelRequested: boolean;
  /** 'erp': the ERP cancelled its sales order itself, so the cancel step does not cancel it there again. */
  @Column({ type: 'varchar', length: 16, nullable: true }) cancelledBy: string | null;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) partnerId: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) erpCustomerId: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) crmContactId: string | null;
  @Column({ type: 'varchar', length: 240, nullable: true }) reservationKey: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) erpSalesOrderId: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) erpOrderNumber: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) erpInvoiceId: string | null;
  /** W3C traceparent of the request or event that created the order: workflow steps continue its trace. */
  @Column({ type: 'varchar', length: 60, nullable: true }) traceparent: string | null;
  @VersionColumn() version: number;
}

@Entity('order_transitions')
@Index(['orderId', 'seq'])
export class OrderTransition {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 40 }) orderId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 24, nullable: true }) fromState: string | null;
  @Column({ type: 'varchar', length: 24 }) toState: string;
  @Column({ type: 'varchar', length: 500 }) cause: string;
  /** Indexed for retention: the oldest transitions are pruned first. */
  @Index('IDX_order_transitions_at') @Column({ type: 'varchar', length: 30 }) at: string;
}

export const ORDER_ENTITIES = [OrderRecord, OrderTransition];
