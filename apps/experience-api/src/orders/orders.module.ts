import { Module } from '@nestjs/common';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from '../experience.config';
import { processApi } from '../process/process-api.client';
import { OrdersController } from './orders.controller';
import { ExperienceOrdersService } from './orders.service';
import { PROCESS_CLIENT, ProcessClient } from './process.client';

/** Storefront and partner orders; the process-api client the other order-facing features share. */
@Module({
  controllers: [OrdersController],
  providers: [
    {
      provide: PROCESS_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) =>
        new ProcessClient(processApi(c, s, metrics, 'process:read process:write')),
    },
    ExperienceOrdersService,
  ],
  exports: [PROCESS_CLIENT, ExperienceOrdersService],
})
export class OrdersModule {}
