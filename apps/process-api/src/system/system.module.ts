import { Global, Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { WeftMetrics } from '@weft/observability';
import { ServiceTokenSigner } from '@weft/gateway';
import { ProcessConfig } from '../process.config';
import { HttpSystemAdapter } from './http.system-adapter';
import { SYSTEM_PORT } from './system.port';

/** One client to system-api for the whole app, so its circuit breaker sees every call. */
@Global()
@Module({
  providers: [
    {
      provide: SYSTEM_PORT,
      inject: [ProcessConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ProcessConfig, signer: ServiceTokenSigner, metrics: WeftMetrics) =>
        new HttpSystemAdapter(
          new LayerClient(
            {
              caller: 'process-api',
              audience: 'system-api',
              baseUrl: c.systemApiUrl,
              timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
              scope: 'system:read system:write',
            },
            signer,
            metrics,
          ),
        ),
    },
  ],
  exports: [SYSTEM_PORT],
})
export class SystemModule {}
