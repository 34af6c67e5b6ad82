import { Module } from '@nestjs/common';
import { OmnichannelModule } from '../inventory/omnichannel.module';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsModule } from '../returns/returns.module';
import { IntakeController } from './intake.controller';
import { ShopifyIntakeService } from './shopify-intake.service';

/** Channel events from experience-api (Shopify webhooks, ERP notifications) into the features they feed. */
@Module({
  imports: [OrdersModule, ReturnsModule, OmnichannelModule],
  controllers: [IntakeController],
  providers: [ShopifyIntakeService],
  exports: [ShopifyIntakeService],
})
export class IntakeModule {}
