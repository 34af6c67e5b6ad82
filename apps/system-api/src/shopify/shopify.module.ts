import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SystemConfig } from '../system.config';
import { ShopifyAdminAdapter } from './shopify-admin.adapter';
import { ShopifyClients } from './shopify-clients';
import { ShopifyErrorInterceptor } from './shopify-error.interceptor';
import { ShopifyController } from './shopify.controller';
import { SHOPIFY_PORT } from './shopify.port';
import { ShopifyService } from './shopify.service';

export { SHOPIFY_ENTITIES } from './shopify-fulfilment.entity';

/** Every shop in SHOPIFY_SHOPS with an Admin access token, behind the Shopify port. */
@Module({
  controllers: [ShopifyController],
  providers: [
    {
      provide: ShopifyClients,
      inject: [SystemConfig],
      useFactory: (c: SystemConfig) =>
        new ShopifyClients(c.shopifyShops, {
          timeoutMs: c.SHOPIFY_TIMEOUT_MS,
          concurrency: c.SHOPIFY_CONCURRENCY,
          maxThrottleRetries: c.SHOPIFY_THROTTLE_RETRIES,
          reservePoints: c.SHOPIFY_RESERVE_POINTS,
        }),
    },
    ShopifyAdminAdapter,
    { provide: SHOPIFY_PORT, useExisting: ShopifyAdminAdapter },
    ShopifyService,
    { provide: APP_INTERCEPTOR, useClass: ShopifyErrorInterceptor },
  ],
  exports: [SHOPIFY_PORT],
})
export class ShopifyModule {}
