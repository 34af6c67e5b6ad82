import { Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import { ExperienceConfig } from '../experience.config';
import { SHIPMENTS_CLIENT, ShipmentsClient } from './shipments.client';
import { ShipmentsController } from './shipments.controller';
import { ExperienceShipmentsService } from './shipments.service';

@Module({
  controllers: [ShipmentsController],
  providers: [
    {
      provide: SHIPMENTS_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner],
      useFactory: (c: ExperienceConfig, s: ServiceTokenSigner) =>
        new ShipmentsClient(
          new LayerClient(
            {
              caller: 'experience-api',
              audience: 'process-api',
              baseUrl: c.processApiUrl,
              timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
              scope: 'process:write',
            },
            s,
          ),
        ),
    },
    ExperienceShipmentsService,
  ],
})
export class ShipmentsModule {}
