import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { OrdersModule } from '../orders/orders.module';
import { ShopifyCatchUpScheduler } from './shopify-catch-up.scheduler';
import { ShopifyCatchUpService } from './shopify-catch-up.service';
import { ShopifyOpsController } from './shopify-ops.controller';
import { ShopifyWriteBackConsumer } from './shopify-write-back.consumer';

/** The Shopify channel beyond webhooks: write-back of orders' progress and the missed-webhook catch-up. */
@Module({
  imports: [OrdersModule, IntakeModule],
  controllers: [ShopifyOpsController],
  providers: [ShopifyWriteBackConsumer, ShopifyCatchUpService, ShopifyCatchUpScheduler],
})
export class ShopifyModule {}
