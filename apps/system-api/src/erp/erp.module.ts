import { Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '@weft/platform';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { UnitOfWork } from '@weft/persistence';
import { SystemConfig } from '../system.config';
import { ErpController } from './erp.controller';
import { ErpErrorInterceptor } from './erp-error.interceptor';
import { ErpGateway } from './erp.gateway';
import { ERP_PORT, ErpPort } from './erp.port';
import { ErpService } from './erp.service';
import { ErpCancellationFeed } from './erp-cancellation.feed';
import { seedDemoData } from './reference/demo-seed';
import { ReferenceErpAdapter } from './reference/reference.erp-adapter';
import { ReservationExpirySweep } from './reference/reservation-expiry.sweep';
import { ERP_CLOCK, systemErpClock } from './erp-clock.port';
import { createTrytonErpAdapter } from './tryton';

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
    { provide: ERP_CLOCK, useValue: systemErpClock },
    ReferenceErpAdapter,
    ReservationExpirySweep,
    {
      provide: ERP_PORT,
      inject: [SystemConfig, ReferenceErpAdapter, REDIS, DataSource],
      useFactory: (config: SystemConfig, reference: ReferenceErpAdapter, redis: Redis | null, dataSource: DataSource): ErpPort => {
        switch (config.ERP_ADAPTER) {
          case 'reference':
            return reference;
          case 'tryton':
            // Cross-instance locks on the sale reference: Redis when configured, else PostgreSQL advisory locks.
            return createTrytonErpAdapter(config, {
              redis,
              dataSource,
              keyPrefix: config.REDIS_KEY_PREFIX,
              logger: new Logger('TrytonErp'),
            });
        }
      },
    },
    ErpGateway,
    ErpService,
    ErpCancellationFeed,
    DemoSeed,
    { provide: APP_INTERCEPTOR, useClass: ErpErrorInterceptor },
  ],
  exports: [ErpService, ErpCancellationFeed],
})
export class ErpModule {}
