import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WeftConfig } from '@weft/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions, EntityList } from './data-source.options';
import { migrate, MigrationSet } from './migrations';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({})
export class PersistenceModule {
  static forApp(app: string, entities: EntityList, migrations?: MigrationSet): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [WeftConfig],
          useFactory: (config: WeftConfig) => dataSourceOptions(config, app, entities, migrations),
          // Migrations run before anything uses the database, once per schema across replicas.
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            await migrate(ds);
            return ds;
          },
        }),
        TypeOrmModule.forFeature(entities),
      ],
      providers: [UnitOfWork],
      exports: [TypeOrmModule, UnitOfWork],
    };
  }
}
