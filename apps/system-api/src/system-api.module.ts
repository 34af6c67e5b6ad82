import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from '@weft/gateway';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule } from '@weft/platform';
import { SystemConfig } from './system.config';

export const SYSTEM_ENTITIES = [];

@Module({})
export class SystemApiModule {
  static register(config: SystemConfig): DynamicModule {
    return {
      module: SystemApiModule,
      imports: [
        ConfigModule.forRoot(SystemConfig, config),
        InfraModule,
        PersistenceModule.forApp('system', SYSTEM_ENTITIES),
        GatewayModule.forService(),
        HealthModule,
      ],
    };
  }
}
