import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { UnitOfWork } from '@weft/persistence';
import { SystemConfig } from '../system.config';
import { ErpController } from './erp.controller';
import { ErpErrorInterceptor } from './erp-error.interceptor';
import { ErpGateway } from './erp.gateway';
import { ERP_PORT, ErpPort } from './erp.port';
import { ErpService } from './erp.service';
import { seedDemoData } from './reference/demo-seed';
import { ReferenceErpAdapter } from './reference/reference.erp-adapter';

@Injectable()
class DemoSeed implements OnApplicationBootstrap {
  constructor(
    @Inject(ERP_PORT) private readonly port: ErpPort,
    private readonly uow: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.port.name === 'reference') await seedDemoData(this.uow);
  }
}

@Module({
  controllers: [ErpController],
  providers: [
    ReferenceErpAdapter,
    {
      provide: ERP_PORT,
      inject: [SystemConfig, ReferenceErpAdapter],
      useFactory: (config: SystemConfig, reference: ReferenceErpAdapter): ErpPort => {
        switch (config.ERP_ADAPTER) {
          case 'reference':
            return reference;
          case 'tryton':
            throw new Error('ERP_ADAPTER=tryton is wired in erp.module.ts once the adapter lands');
        }
      },
    },
    ErpGateway,
    ErpService,
    DemoSeed,
    { provide: APP_INTERCEPTOR, useClass: ErpErrorInterceptor },
  ],
  exports: [ErpService],
})
export class ErpModule {}
