import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from '@weft/gateway';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule } from '@weft/platform';
import { ProcessConfig } from './process.config';

export const PROCESS_ENTITIES = [];

@Module({})
export class ProcessApiModule {
  static register(config: ProcessConfig): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        ConfigModule.forRoot(ProcessConfig, config),
        InfraModule,
        PersistenceModule.forApp('process', PROCESS_ENTITIES),
        GatewayModule.forService(),
        HealthModule,
      ],
    };
  }
}
