import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from '@weft/gateway';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule } from '@weft/platform';
import { ExperienceConfig } from './experience.config';

export const EXPERIENCE_ENTITIES = [];

@Module({})
export class ExperienceApiModule {
  static register(config: ExperienceConfig): DynamicModule {
    return {
      module: ExperienceApiModule,
      imports: [
        ConfigModule.forRoot(ExperienceConfig, config),
        InfraModule,
        PersistenceModule.forApp('experience', EXPERIENCE_ENTITIES),
        GatewayModule.forEdge(),
        HealthModule,
      ],
    };
  }
}
