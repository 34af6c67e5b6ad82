import { Global, Module } from '@nestjs/common';
import { contractClient, ContractResponses, LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import type { paths } from '../../../../openapi/client/system-api.v1';
import systemApiContract from '../../../../openapi/system-api.v1.json';
import { ProcessConfig } from '../process.config';
import { HttpSystemAdapter } from './http.system-adapter';
import { SYSTEM_PORT } from './system.port';

/**
 * system-api's committed contract, built in beside the types generated from it: responses are checked
 * against the same document the client was generated from.
 */
const systemContract = new ContractResponses('system-api', systemApiContract);

/** One client to system-api for the whole app, so its circuit breaker sees every call. */
@Global()
@Module({
  providers: [
    {
      provide: SYSTEM_PORT,
      inject: [ProcessConfig, ServiceTokenSigner],
      useFactory: (c: ProcessConfig, signer: ServiceTokenSigner) => {
        const layer = new LayerClient(
          {
            caller: 'process-api',
            audience: 'system-api',
            baseUrl: c.systemApiUrl,
            timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
            scope: 'system:read system:write',
          },
          signer,
        );
        return new HttpSystemAdapter(contractClient<paths>(layer, systemContract));
      },
    },
  ],
  exports: [SYSTEM_PORT],
})
export class SystemModule {}
