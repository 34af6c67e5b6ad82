import { Module } from '@nestjs/common';
import type { ProcessApi } from '../process/process-api.client';
import { OPS_CLIENT, OPS_LAYER, OpsClient, opsLayerProvider } from './ops.client';
import { OpsController } from './ops.controller';
import { ExperienceOpsService } from './ops.service';
import { OpsSummaryController } from './ops-summary.controller';
import { OpsSummaryEdgeService } from './ops-summary.service';

/**
 * /v1/ops at the edge (scopes ops:read / ops:write), forwarded to process-api with a service token.
 * More operator routes: a controller in this folder (or a module importing this one, which exports the
 * OPS_LAYER client) and a method on a client over it.
 */
@Module({
  controllers: [OpsController, OpsSummaryController],
  providers: [
    opsLayerProvider,
    { provide: OPS_CLIENT, inject: [OPS_LAYER], useFactory: (api: ProcessApi) => new OpsClient(api) },
    ExperienceOpsService,
    OpsSummaryEdgeService,
  ],
  exports: [OPS_LAYER, OPS_CLIENT],
})
export class OpsModule {}
