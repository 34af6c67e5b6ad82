import { DynamicModule, Module } from '@nestjs/common';
import { GATEWAY_ENTITIES, GatewayModule } from '@weft/gateway';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, InfraModule } from '@weft/platform';
import { ExperienceConfig } from '../../apps/experience-api/src/experience.config';
import { OrdersController } from '../../apps/experience-api/src/orders/orders.controller';
import { ExperienceOrdersService } from '../../apps/experience-api/src/orders/orders.service';
import { PROCESS_CLIENT } from '../../apps/experience-api/src/orders/process.client';
import { StubProcessClient } from './stub-process.client';

/**
 * Bench-only composition of experience-api's order routes: the real OrdersController, its DTOs and
 * ExperienceOrdersService, the same config, infrastructure and persistence modules, and
 * GatewayModule.forEdge() only when `gateway` is true. Never imported by an app: this is how the bench
 * gets "the same route without the policies" without a switch in production code.
 */
@Module({})
export class BenchEdgeModule {
  static register(config: ExperienceConfig, gateway: boolean): DynamicModule {
    return {
      module: BenchEdgeModule,
      imports: [
        ConfigModule.forRoot(ExperienceConfig, config),
        InfraModule,
        PersistenceModule.forApp('experience', GATEWAY_ENTITIES),
        ...(gateway ? [GatewayModule.forEdge()] : []),
      ],
      controllers: [OrdersController],
      providers: [ExperienceOrdersService, { provide: PROCESS_CLIENT, useValue: new StubProcessClient() }],
    };
  }
}
