import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WeftConfig } from '@weft/config';
import { dataSourceOptions, EntityList } from './data-source.options';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({})
export class PersistenceModule {
  static forApp(app: string, entities: EntityList): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [WeftConfig],
          useFactory: (config: WeftConfig) => dataSourceOptions(config, app, entities),
        }),
        TypeOrmModule.forFeature(entities),
      ],
      providers: [UnitOfWork],
      exports: [TypeOrmModule, UnitOfWork],
    };
  }
}
