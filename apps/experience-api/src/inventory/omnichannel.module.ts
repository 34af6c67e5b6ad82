import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { InventoryModule } from './inventory.module';

/** Inventory availability and the customer master at the edge, wired into experience-api by one import. */
@Module({ imports: [InventoryModule, CustomersModule] })
export class OmnichannelModule {}
