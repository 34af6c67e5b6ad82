import { DynamicModule, Global, Module } from '@nestjs/common';
import { WeftMetrics } from '@weft/observability';

/** Makes the app's registry injectable everywhere (relays, gateways, workflow runners). */
@Global()
@Module({})
export class MetricsModule {
  static forApp(metrics: WeftMetrics): DynamicModule {
    return { module: MetricsModule, providers: [{ provide: WeftMetrics, useValue: metrics }], exports: [WeftMetrics] };
  }
}
