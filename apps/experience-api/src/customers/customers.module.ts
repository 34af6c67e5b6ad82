import { Module } from '@nestjs/common';
import { WeftMetrics } from '@weft/observability';
import { ServiceTokenSigner } from '@weft/gateway';
import { ExperienceConfig } from '../experience.config';
import { processApi } from '../process/process-api.client';
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
        new CustomersClient(processApi(c, s, metrics, 'process:read process:write')),
    },
    ExperienceCustomersService,
  ],
})
export class CustomersModule {}
