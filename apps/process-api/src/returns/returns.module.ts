import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ShopifyPaymentAdapter } from '../shopify/shopify-payment.adapter';
import { PAYMENT_PORT, ReferencePaymentAdapter } from './payment.port';
import { ReturnStore } from './return.store';
import { ReturnToRefundWorkflow } from './return-to-refund.workflow';
import { ReturnsController } from './returns.controller';
import { ReturnsRunner } from './returns.runner';
import { ReturnsService } from './returns.service';

/** Returns and the return-to-refund workflow, with the payment port it refunds through. */
@Module({
  imports: [OrdersModule],
  controllers: [ReturnsController],
  providers: [
    ReturnStore,
    ReturnToRefundWorkflow,
    ReturnsRunner,
    ReturnsService,
    ReferencePaymentAdapter,
    ShopifyPaymentAdapter,
    { provide: PAYMENT_PORT, useExisting: ShopifyPaymentAdapter },
  ],
  exports: [ReturnStore, ReturnsRunner, ReturnsService],
})
export class ReturnsModule {}
