import { Module } from '@nestjs/common';
import { instrumentPort, WeftMetrics } from '@weft/observability';
import { CrmController } from './crm.controller';
import { CRM_PORT } from './crm.port';
import { ReferenceCrmAdapter } from './reference/reference.crm-adapter';

@Module({
  controllers: [CrmController],
  providers: [
    ReferenceCrmAdapter,
    {
      provide: CRM_PORT,
      inject: [ReferenceCrmAdapter, WeftMetrics],
      useFactory: (port: ReferenceCrmAdapter, metrics: WeftMetrics) => instrumentPort('crm', port, metrics),
    },
  ],
  exports: [CRM_PORT],
})
export class CrmModule {}
