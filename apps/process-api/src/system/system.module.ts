import { Global, Module } from '@nestjs/common';
import { contractClient, ContractResponses, LayerClient } from '@weft/clients';
import { WeftMetrics } from '@weft/observability';
import { ServiceTokenSigner } from '@weft/gateway';
import type { paths } from '../../../../openapi/client/system-api.v1';
import systemApiContract from '../../../../openapi/system-api.v1.json';
import { ProcessConfig } from '../process.config';
import { HttpSystemAdapter } from './http.system-adapter';
import { SYSTEM_PORT } from './system.port';

/**
 * system-api's committed contract, the document the client's types were generated from; its response
 * checks are compiled once, here, never on a call's path.
 */
const systemContract = new ContractResponses('system-api', systemApiContract);

/** One client to system-api for the whole app, so its circuit breaker sees every call. */
@Global()
@Module({
  providers: [
    {
      provide: SYSTEM_PORT,
      inject: [ProcessConfig, ServiceTokenSigner, WeftMetrics],
      useFactory: (c: ProcessConfig, signer: ServiceTokenSigner, metrics: WeftMetrics) => {
        const layer = new LayerClient(
          {
            caller: 'process-api',
            audience: 'system-api',
            baseUrl: c.systemApiUrl,
            timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
            scope: 'system:read system:write',
          },
          signer,
          metrics,
        );
        return new HttpSystemAdapter(contractClient<paths>(layer, systemContract));
      },
    },
  ],
  exports: [SYSTEM_PORT],
})
export class SystemModule {}
