import { Module } from '@nestjs/common';
import { OrderKpis } from '../ops/order-kpis';
import { OrderIntakeService } from './order-intake.service';
import { OrderToCashWorkflow } from './order-to-cash.workflow';
import { OrderStore } from './order.store';
import { OrdersController } from './orders.controller';
import { WorkflowRunner } from './orders.runner';
import { OrdersService } from './orders.service';
import { Catalogue } from './catalogue';
import { InventoryModule } from '../inventory/inventory.module';

/** Orders and the order-to-cash workflow that moves them. */
@Module({
  imports: [InventoryModule],
  controllers: [OrdersController],
  providers: [OrderStore, OrderIntakeService, OrdersService, Catalogue, OrderToCashWorkflow, WorkflowRunner, OrderKpis],
  exports: [OrderStore, OrderIntakeService, OrdersService, WorkflowRunner, OrderKpis],
})
export class OrdersModule {}
