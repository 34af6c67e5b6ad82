import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsModule } from '../returns/returns.module';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsService } from './exceptions.service';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';
import { OpsSummaryController } from './ops-summary.controller';
import { OpsSummaryService } from './ops-summary.service';
import { OrderSearchService } from './order-search.service';

/** Operator routes: dead letters, the exception queue, order search, the dashboard's summary. */
@Module({
  imports: [OrdersModule, ReturnsModule, InventoryModule],
  controllers: [OpsController, ExceptionsController, OpsSummaryController],
  providers: [OpsService, OrderSearchService, ExceptionsService, OpsSummaryService],
})
export class OpsModule {}
