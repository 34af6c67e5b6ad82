import { Module } from '@nestjs/common';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from '../experience.config';
import { processApi } from '../process/process-api.client';
import { RECONCILIATION_CLIENT, ReconciliationClient } from './reconciliation.client';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationEdgeService } from './reconciliation.service';

/** Finance reconciliation runs and variances, read and started through process-api. */
@Module({
  controllers: [ReconciliationController],
  providers: [
    {
      provide: RECONCILIATION_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) =>
        new ReconciliationClient(processApi(c, s, metrics, 'process:read process:write')),
    },
    ReconciliationEdgeService,
  ],
})
export class ReconciliationModule {}
