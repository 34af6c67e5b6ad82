import type { Client } from 'openapi-fetch';
import { contractClient, ContractResponses, LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import type { components, operations, paths } from '../../../../openapi/client/process-api.v1';
import processApiContract from '../../../../openapi/process-api.v1.json';
import { ExperienceConfig } from '../experience.config';

/** process-api as its contract describes it (openapi/client/process-api.v1.d.ts, from `npm run openapi`). */
export type ProcessApi = Client<paths>;
export type ProcessSchemas = components['schemas'];
/** The query an operation of process-api takes, by its operation id. */
export type ProcessQuery<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** The document the client's types were generated from; its response checks are compiled once, here. */
const processContract = new ContractResponses('process-api', processApiContract);

/** A client to process-api with its own service token scope, circuit breaker and metrics, checked by the contract. */
export function processApi(c: ExperienceConfig, signer: ServiceTokenSigner, metrics: WeftMetrics, scope: string): ProcessApi {
  const layer = (baseUrl: string): LayerClient =>
    new LayerClient(
      { caller: 'experience-api', audience: 'process-api', baseUrl, timeoutMs: c.DOWNSTREAM_TIMEOUT_MS, scope },
      signer,
      metrics,
    );
  const writes = layer(c.processApiUrl);
  return contractClient<paths>(writes, processContract, c.processApiReadUrl === c.processApiUrl ? undefined : layer(c.processApiReadUrl));
}
