import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { CrmShipmentConsumer } from './crm-shipment.consumer';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsService } from './shipments.service';

/** ERP shipments onto orders, and the CRM told when an order shipped. */
@Module({
  imports: [OrdersModule],
  controllers: [ShipmentsController],
  providers: [ShipmentsService, CrmShipmentConsumer],
})
export class ShipmentsModule {}
