import { Module } from '@nestjs/common';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from '../experience.config';
import { processClient } from '../process-layer.client';
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
        new ReconciliationClient(processClient(c, s, metrics)),
    },
    ReconciliationEdgeService,
  ],
})
export class ReconciliationModule {}
