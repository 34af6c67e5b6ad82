import { Module } from '@nestjs/common';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from '../experience.config';
import { processApi } from '../process/process-api.client';
import { EXCEPTION_QUEUE_CLIENT, ExceptionQueueClient } from './exception-queue.client';
import { ExceptionQueueController } from './exception-queue.controller';

@Module({
  controllers: [ExceptionQueueController],
  providers: [
    {
      provide: EXCEPTION_QUEUE_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ExperienceConfig, signer: ServiceTokenSigner, metrics: WeftMetrics) =>
        new ExceptionQueueClient(processApi(c, signer, metrics, 'process:read process:write')),
    },
  ],
})
export class ExceptionQueueModule {}
