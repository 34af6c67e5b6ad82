import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsModule } from '../returns/returns.module';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsService } from './exceptions.service';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';
import { OrderSearchService } from './order-search.service';

/** Operator routes: dead letters, the exception queue, order search. */
@Module({
  imports: [OrdersModule, ReturnsModule],
  controllers: [OpsController, ExceptionsController],
  providers: [OpsService, OrderSearchService, ExceptionsService],
})
export class OpsModule {}
