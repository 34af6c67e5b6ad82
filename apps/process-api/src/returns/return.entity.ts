import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TaxLine } from '@weft/retail-model';
import { ReturnState } from './return-state';
import { WorkflowRowColumns } from '../workflow/workflow-row.columns';

export interface ReturnLine {
  sku: string;
  quantity: number;
  reasonCode: string;
  condition?: string;
  /** This line's share of what was paid, minor units. */
  refundMinor: number;
  /** Of what was paid, the discount share and the tax (as the channel titled it) these units carried. */
  discountMinor?: number;
  taxes?: TaxLine[];
}

@Entity('returns')
@Index(['nextAttemptAt'])
/** The runner's claim walks only rows with work pending, oldest first (finished rows have no next attempt). */
@Index('IDX_returns_due', ['createdAt', 'id'], { where: '"nextAttemptAt" IS NOT NULL' })
/** Reconciliation pages a window by this keyset (createdAt, id) without sorting the table. */
@Index(['createdAt', 'id'])
export class ReturnRecord extends WorkflowRowColumns {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  /** rma:<uuid>, shopify-refund:<id>, pos-return:<store>:<id> — the key every step is idempotent on. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 240 }) businessKey: string;
  @Index() @Column({ type: 'varchar', length: 40 }) orderId: string;
  @Column({ type: 'varchar', length: 20 }) channel: string;
  @Column({ type: 'varchar', length: 16 }) state: ReturnState;
  @Column({ type: 'text' }) lines: string;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'integer' }) refundTotalMinor: number;
  /** The channel already refunded the money (Shopify admin, POS till): Weft records it, never refunds again. */
  @Column({ type: 'boolean', default: false }) refundedByChannel: boolean;
  /** Goods come back without a separate receipt (Shopify restock, POS return): received on approval. */
  @Column({ type: 'text', nullable: true }) autoReceipt: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) erpCreditNoteId: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) refundId: string | null;
}

@Entity('return_transitions')
@Index(['returnId', 'seq'])
export class ReturnTransition {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 40 }) returnId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 16, nullable: true }) fromState: string | null;
  @Column({ type: 'varchar', length: 16 }) toState: string;
  @Column({ type: 'varchar', length: 500 }) cause: string;
  /** Indexed for retention: the oldest transitions are pruned first. */
  @Index('IDX_return_transitions_at') @Column({ type: 'varchar', length: 30 }) at: string;
}

/** Refunds issued through the payment port's reference adapter: one per refund key. */
@Entity('payment_refunds')
export class PaymentRefundRecord {
  @PrimaryColumn({ type: 'varchar', length: 240 }) refundKey: string;
  @Column({ type: 'varchar', length: 60 }) refundId: string;
  @Column({ type: 'varchar', length: 240 }) orderKey: string;
  @Column({ type: 'integer' }) amountMinor: number;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

export const RETURN_ENTITIES = [ReturnRecord, ReturnTransition, PaymentRefundRecord];
