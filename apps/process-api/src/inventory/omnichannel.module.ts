import { Module } from '@nestjs/common';
import { CUSTOMER_ENTITIES, CustomersModule } from '../customers/customers.module';
import { INVENTORY_ENTITIES, InventoryModule } from './inventory.module';

/** Omnichannel inventory and the customer master, wired into process-api by one import. */
export const OMNICHANNEL_ENTITIES = [...INVENTORY_ENTITIES, ...CUSTOMER_ENTITIES];

@Module({ imports: [InventoryModule, CustomersModule], exports: [InventoryModule, CustomersModule] })
export class OmnichannelModule {}
