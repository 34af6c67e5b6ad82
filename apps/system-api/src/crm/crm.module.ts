import { Module } from '@nestjs/common';
import { CrmController } from './crm.controller';
import { CRM_PORT } from './crm.port';
import { ReferenceCrmAdapter } from './reference/reference.crm-adapter';

@Module({
  controllers: [CrmController],
  providers: [ReferenceCrmAdapter, { provide: CRM_PORT, useExisting: ReferenceCrmAdapter }],
  exports: [CRM_PORT],
})
export class CrmModule {}
