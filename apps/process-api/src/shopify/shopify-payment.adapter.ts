import { Inject, Injectable } from '@nestjs/common';
import { PaymentPort, ReferencePaymentAdapter, RefundRequest } from '../returns/payment.port';
import { ShopifyChannelConfig } from './shopify-channel.config';
import { shopifyOrderRef } from './shopify-order-ref';
import { SHOPIFY_SYSTEM_PORT, ShopifySystemPort } from './shopify-system.port';

/**
 * The payment refund of a Shopify order is Shopify's refundCreate (through system-api, idempotent on
 * the refund key); other channels' refunds stay with the reference adapter until they get a provider.
 */
@Injectable()
export class ShopifyPaymentAdapter implements PaymentPort {
  constructor(
    @Inject(SHOPIFY_SYSTEM_PORT) private readonly shopify: ShopifySystemPort,
    private readonly reference: ReferencePaymentAdapter,
    private readonly config: ShopifyChannelConfig,
  ) {}

  async refund(r: RefundRequest): Promise<{ refundId: string }> {
    const ref = shopifyOrderRef(r.orderKey);
    if (!ref || this.config.writeBack !== 'admin-api') return this.reference.refund(r);
    const { refundId } = await this.shopify.refund({ ...ref, refundKey: r.refundKey, amountMinor: r.amountMinor, currency: r.currency });
    return { refundId };
  }
}
