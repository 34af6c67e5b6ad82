import { Module } from '@nestjs/common';
import { ProcessConfig } from '../process.config';
import { CustomerIntakeService } from './customer-intake.service';
import { CustomerMasterService } from './customer-master.service';
import { CustomerMergeService } from './customer-merge.service';
import { CustomerPropagationConsumer } from './customer-propagation.consumer';
import { CustomerQueryService } from './customer-query.service';
import { CustomersConfig, loadCustomersConfig } from './customers.config';
import { PartnerCustomers } from './partner-customers';
import { CustomersController } from './customers.controller';
import { OrderCustomerConsumer } from './order-customer.consumer';

export { CUSTOMER_ENTITIES } from './customer.entities';

/** One customer master: identity resolution, attribute ownership, audit, merges, propagation without echo. */
@Module({
  controllers: [CustomersController],
  providers: [
    // Validated when the app starts: a bad CUSTOMER_ATTRIBUTE_OWNERS stops start-up.
    { provide: CustomersConfig, inject: [ProcessConfig], useFactory: (c: ProcessConfig) => loadCustomersConfig(c) },
    CustomerMasterService,
    CustomerMergeService,
    CustomerQueryService,
    PartnerCustomers,
    CustomerIntakeService,
    OrderCustomerConsumer,
    CustomerPropagationConsumer,
  ],
  exports: [CustomerIntakeService],
})
export class CustomersModule {}
