import { bodyOf } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import { WeftMetrics } from '@weft/observability';
import { ExperienceConfig } from '../experience.config';
import { processApi, type ProcessApi, type ProcessSchemas } from '../process/process-api.client';

/** The contract client to process-api that every /v1/ops route forwards through (add routes here). */
export const OPS_LAYER = Symbol('OPS_LAYER');
export const OPS_CLIENT = Symbol('OPS_CLIENT');

export const opsLayerProvider = {
  provide: OPS_LAYER,
  inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
  useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics): ProcessApi =>
    processApi(c, s, metrics, 'process:read process:write'),
};

/** process-api's operations shapes, as its contract types them. */
export type DeadLetterView = ProcessSchemas['DeadLetterDto'];
export type OpsOrderView = ProcessSchemas['OrderDto'];
export type OpsSummaryView = ProcessSchemas['OpsSummaryDto'];

/** experience-api's calls to process-api's operations routes. */
export class OpsClient {
  constructor(private readonly api: ProcessApi) {}

  deadLetters(): Promise<DeadLetterView[]> {
    return bodyOf(this.api.GET('/v1/ops/dead-letters'));
  }

  replayDeadLetter(id: string): Promise<DeadLetterView> {
    return bodyOf(this.api.POST('/v1/ops/dead-letters/{id}/replay', { params: { path: { id } } }));
  }

  retryOrder(id: string): Promise<OpsOrderView> {
    return bodyOf(this.api.POST('/v1/ops/orders/{id}/retry', { params: { path: { id } } }));
  }

  summary(windowMinutes?: number): Promise<OpsSummaryView> {
    return bodyOf(this.api.GET('/v1/ops/summary', { params: { query: { windowMinutes } } }));
  }
}
