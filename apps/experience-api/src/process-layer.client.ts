import { LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from './experience.config';

export function processClient(c: ExperienceConfig, signer: ServiceTokenSigner, metrics: WeftMetrics): LayerClient {
  return new LayerClient(
    {
      caller: 'experience-api',
      audience: 'process-api',
      baseUrl: c.processApiUrl,
      timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
      scope: 'process:read process:write',
    },
    signer,
    metrics,
  );
}
