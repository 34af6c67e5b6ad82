import { LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import type { DeadLetterDto, OrderDto } from '@weft/retail-model';
import { ExperienceConfig } from '../experience.config';

/** The service-token client to process-api that every /v1/ops route forwards through (add routes here). */
export const OPS_LAYER = Symbol('OPS_LAYER');
export const OPS_CLIENT = Symbol('OPS_CLIENT');

export const opsLayerProvider = {
  provide: OPS_LAYER,
  inject: [ExperienceConfig, ServiceTokenSigner],
  useFactory: (c: ExperienceConfig, s: ServiceTokenSigner): LayerClient =>
    new LayerClient(
      {
        caller: 'experience-api',
        audience: 'process-api',
        baseUrl: c.processApiUrl,
        timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
        scope: 'process:read process:write',
      },
      s,
    ),
};

/** experience-api's view of process-api's operations routes. */
export class OpsClient {
  constructor(private readonly http: LayerClient) {}

  deadLetters(): Promise<DeadLetterDto[]> {
    return this.http.get('/v1/ops/dead-letters');
  }

  replayDeadLetter(id: string): Promise<DeadLetterDto> {
    return this.http.post(`/v1/ops/dead-letters/${encodeURIComponent(id)}/replay`, {});
  }

  retryOrder(id: string): Promise<OrderDto> {
    return this.http.post(`/v1/ops/orders/${encodeURIComponent(id)}/retry`, {});
  }
}
