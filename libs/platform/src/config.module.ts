import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { WeftConfig } from '@weft/config';

/** Provides the validated config under its own class and under WeftConfig for the shared libraries. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot<T extends WeftConfig>(cls: Type<T>, config: T): DynamicModule {
    const providers = [
      { provide: WeftConfig, useValue: config },
      ...(cls === (WeftConfig as Type) ? [] : [{ provide: cls, useValue: config }]),
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
