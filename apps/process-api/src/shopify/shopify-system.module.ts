import { Global, Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { ServiceTokenSigner } from '@weft/gateway';
import { ProcessConfig } from '../process.config';
import { HttpShopifySystemAdapter } from './http.shopify-system.adapter';
import { loadShopifyChannelConfig, ShopifyChannelConfig } from './shopify-channel.config';
import { SHOPIFY_SYSTEM_PORT } from './shopify-system.port';

/** system-api's Shopify routes, on a client of their own (own breaker, a timeout that allows throttle waits). */
@Global()
@Module({
  providers: [
    { provide: ShopifyChannelConfig, inject: [ProcessConfig], useFactory: (c: ProcessConfig) => loadShopifyChannelConfig(c) },
    {
      provide: SHOPIFY_SYSTEM_PORT,
      inject: [ProcessConfig, ShopifyChannelConfig, ServiceTokenSigner],
      useFactory: (c: ProcessConfig, s: ShopifyChannelConfig, signer: ServiceTokenSigner) =>
        new HttpShopifySystemAdapter(
          new LayerClient(
            {
              caller: 'process-api',
              audience: 'system-api',
              baseUrl: c.systemApiUrl,
              timeoutMs: s.callTimeoutMs,
              scope: 'system:read system:write',
            },
            signer,
          ),
        ),
    },
  ],
  exports: [ShopifyChannelConfig, SHOPIFY_SYSTEM_PORT],
})
export class ShopifySystemModule {}
