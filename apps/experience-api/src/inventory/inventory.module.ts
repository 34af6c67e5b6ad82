import { Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { WeftMetrics } from '@weft/observability';
import { ServiceTokenSigner } from '@weft/gateway';
import { ExperienceConfig } from '../experience.config';
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
        new InventoryClient(
          new LayerClient(
            {
              caller: 'experience-api',
              audience: 'process-api',
              baseUrl: c.processApiUrl,
              timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
              scope: 'process:read',
            },
            s,
            metrics,
          ),
        ),
    },
    ExperienceInventoryService,
  ],
})
export class InventoryModule {}
