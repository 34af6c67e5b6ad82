import { Module } from '@nestjs/common';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from '../experience.config';
import { processApi } from '../process/process-api.client';
import { SHIPMENTS_CLIENT, ShipmentsClient } from './shipments.client';
import { ShipmentsController } from './shipments.controller';
import { ExperienceShipmentsService } from './shipments.service';

@Module({
  controllers: [ShipmentsController],
  providers: [
    {
      provide: SHIPMENTS_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) =>
        new ShipmentsClient(processApi(c, s, metrics, 'process:write')),
    },
    ExperienceShipmentsService,
  ],
})
export class ShipmentsModule {}
