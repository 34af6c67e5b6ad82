import { SYSTEM_MIGRATIONS } from './migrations';
import { DynamicModule, Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { WeftMetrics } from '@weft/observability';
import { GatewayModule, ServiceTokenSigner } from '@weft/gateway';
import { HttpEventPublisher, MESSAGING_ENTITIES, MessagingModule, messagingRetentionRules } from '@weft/messaging';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule, RetentionModule } from '@weft/platform';
import { REFERENCE_CRM_ENTITIES } from './crm/reference/reference-crm.entities';
import { CrmModule } from './crm/crm.module';
import { ErpModule } from './erp/erp.module';
import { OrderSubmissionsModule } from './order-submissions/order-submissions.module';
import { REFERENCE_ERP_ENTITIES } from './erp/reference/reference-erp.entities';
import { ERP_FEED_ENTITIES } from './erp/erp-feed-cursor.entity';
import { SHOPIFY_ENTITIES, ShopifyModule } from './shopify/shopify.module';
import { SystemConfig } from './system.config';

export const SYSTEM_ENTITIES = [
  ...REFERENCE_ERP_ENTITIES,
  ...ERP_FEED_ENTITIES,
  ...REFERENCE_CRM_ENTITIES,
  ...SHOPIFY_ENTITIES,
  ...MESSAGING_ENTITIES,
];

@Module({})
export class SystemApiModule {
  static register(config: SystemConfig): DynamicModule {
    return {
      module: SystemApiModule,
      imports: [
        ConfigModule.forRoot(SystemConfig, config),
        InfraModule,
        PersistenceModule.forApp('system', SYSTEM_ENTITIES, SYSTEM_MIGRATIONS),
        GatewayModule.forService('system-api'),
        // ERP notifications (shipments, cancellations made in the ERP) go up to process-api's intake through system-api's outbox.
        MessagingModule.forRoot({
          publisher: {
            inject: [SystemConfig, ServiceTokenSigner, WeftMetrics],
            useFactory: (c: SystemConfig, signer: ServiceTokenSigner, metrics: WeftMetrics) =>
              new HttpEventPublisher(
                new LayerClient(
                  {
                    caller: 'system-api',
                    audience: 'process-api',
                    baseUrl: c.processApiUrl,
                    timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
                    scope: 'process:write',
                  },
                  signer,
                  metrics,
                ),
                '/v1/erp-events',
              ),
          },
        }),
        RetentionModule.forRoot(config, messagingRetentionRules(config)),
        HealthModule,
        ErpModule,
        CrmModule,
        OrderSubmissionsModule,
        ShopifyModule,
      ],
    };
  }
}
