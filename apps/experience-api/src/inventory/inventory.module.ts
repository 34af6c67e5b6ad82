import { Module } from '@nestjs/common';
import { WeftMetrics } from '@weft/observability';
import { ServiceTokenSigner } from '@weft/gateway';
import { ExperienceConfig } from '../experience.config';
import { processApi } from '../process/process-api.client';
import { INVENTORY_CLIENT, InventoryClient } from './inventory.client';
import { InventoryController } from './inventory.controller';
import { ExperienceInventoryService } from './inventory.service';

@Module({
  controllers: [InventoryController],
  providers: [
    {
      provide: INVENTORY_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) =>
        new InventoryClient(processApi(c, s, metrics, 'process:read')),
    },
    ExperienceInventoryService,
  ],
})
export class InventoryModule {}
