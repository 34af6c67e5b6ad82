import { Module } from '@nestjs/common';
import { CrmModule } from '../crm/crm.module';
import { ErpModule } from '../erp/erp.module';
import { OrderSubmissionsController } from './order-submissions.controller';
import { OrderSubmissionsService } from './order-submissions.service';

@Module({
  imports: [ErpModule, CrmModule],
  controllers: [OrderSubmissionsController],
  providers: [OrderSubmissionsService],
})
export class OrderSubmissionsModule {}
