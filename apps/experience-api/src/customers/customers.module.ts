import { Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { WeftMetrics } from '@weft/observability';
import { ServiceTokenSigner } from '@weft/gateway';
import { ExperienceConfig } from '../experience.config';
import { CUSTOMERS_CLIENT, CustomersClient } from './customers.client';
import { CustomersController } from './customers.controller';
import { ExperienceCustomersService } from './customers.service';

@Module({
  controllers: [CustomersController],
  providers: [
    {
      provide: CUSTOMERS_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) =>
        new CustomersClient(
          new LayerClient(
            {
              caller: 'experience-api',
              audience: 'process-api',
              baseUrl: c.processApiUrl,
              timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
              scope: 'process:read process:write',
            },
            s,
            metrics,
          ),
        ),
    },
    ExperienceCustomersService,
  ],
})
export class CustomersModule {}
