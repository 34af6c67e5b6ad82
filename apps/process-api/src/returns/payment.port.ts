import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { ProcessConfig } from '../process.config';
import { PaymentRefundRecord } from './return.entity';

export const PAYMENT_PORT = Symbol('PAYMENT_PORT');

export interface RefundRequest {
  /** One refund per key, however often it is asked for. */
  refundKey: string;
  orderKey: string;
  amountMinor: number;
  currency: string;
}

/** Money back to the customer through the channel's payment provider. */
export interface PaymentPort {
  refund(request: RefundRequest): Promise<{ refundId: string }>;
}

/**
 * Records refunds in process-api's own table (the real Shopify Admin refund call comes later).
 * PAYMENT_REFUND_FAILURE_RATE makes it fail like a provider outage.
 */
@Injectable()
export class ReferencePaymentAdapter implements PaymentPort {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: ProcessConfig,
  ) {}

  async refund(r: RefundRequest): Promise<{ refundId: string }> {
    const existing = await this.uow.serialised(() => this.uow.manager.findOneBy(PaymentRefundRecord, { refundKey: r.refundKey }));
    if (existing) return { refundId: existing.refundId };
    if (this.config.PAYMENT_REFUND_FAILURE_RATE > 0 && Math.random() < this.config.PAYMENT_REFUND_FAILURE_RATE) {
      throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'The payment provider refused the refund (injected failure).');
    }
    const row = { ...r, refundId: `RF-${randomUUID().slice(0, 13)}`, at: new Date().toISOString() };
    try {
      await this.uow.run((m) => m.insert(PaymentRefundRecord, row));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const stored = await this.uow.serialised(() => this.uow.manager.findOneByOrFail(PaymentRefundRecord, { refundKey: r.refundKey }));
    return { refundId: stored.refundId };
  }
}
