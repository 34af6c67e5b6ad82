import { Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import { ExperienceConfig } from '../experience.config';
import { EXCEPTION_QUEUE_CLIENT, ExceptionQueueClient } from './exception-queue.client';
import { ExceptionQueueController } from './exception-queue.controller';

@Module({
  controllers: [ExceptionQueueController],
  providers: [
    {
      provide: EXCEPTION_QUEUE_CLIENT,
      inject: [ExperienceConfig, ServiceTokenSigner],
      useFactory: (c: ExperienceConfig, signer: ServiceTokenSigner) =>
        new ExceptionQueueClient(
          new LayerClient(
            {
              caller: 'experience-api',
              audience: 'process-api',
              baseUrl: c.processApiUrl,
              timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
              scope: 'process:read process:write',
            },
            signer,
          ),
        ),
    },
  ],
})
export class ExceptionQueueModule {}
