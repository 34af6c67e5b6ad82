import { EXPERIENCE_MIGRATIONS } from './migrations';
import { DynamicModule, Module } from '@nestjs/common';
import { WeftMetrics } from '@weft/observability';
import { GATEWAY_ENTITIES, GatewayModule, idempotencyRetentionRule, ServiceTokenSigner } from '@weft/gateway';
import { HttpEventPublisher, MESSAGING_ENTITIES, MessagingModule, messagingRetentionRules } from '@weft/messaging';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule, RetentionModule } from '@weft/platform';
import { ExperienceConfig } from './experience.config';
import { OmnichannelModule } from './inventory/omnichannel.module';
import { OrderSearchController } from './ops/order-search.controller';
import { OpsModule } from './ops/ops.module';
import { ExceptionQueueModule } from './ops/exception-queue.module';
import { OrdersModule } from './orders/orders.module';
import { PosModule } from './pos/pos.module';
import { processClient } from './process-layer.client';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { ReturnsModule } from './returns/returns.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { inboxRetentionRule } from './webhooks/inbox.retention';
import { ShopifyInboxRecord } from './webhooks/shopify-inbox.entity';
import { WebhooksModule } from './webhooks/webhooks.module';

export const EXPERIENCE_ENTITIES = [...GATEWAY_ENTITIES, ShopifyInboxRecord, ...MESSAGING_ENTITIES];

@Module({})
export class ExperienceApiModule {
  static register(config: ExperienceConfig): DynamicModule {
    return {
      module: ExperienceApiModule,
      imports: [
        ConfigModule.forRoot(ExperienceConfig, config),
        InfraModule,
        PersistenceModule.forApp('experience', EXPERIENCE_ENTITIES, EXPERIENCE_MIGRATIONS),
        GatewayModule.forEdge(),
        // The webhook inbox is relayed to process-api's intake; retried until it is accepted.
        MessagingModule.forRoot({
          publisher: {
            inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
            useFactory: (c: ExperienceConfig, signer: ServiceTokenSigner, metrics: WeftMetrics) =>
              new HttpEventPublisher(processClient(c, signer, metrics), '/v1/channel-events'),
          },
        }),
        RetentionModule.forRoot(config, [
          ...messagingRetentionRules(config),
          inboxRetentionRule(config.RETENTION_INBOX_DAYS),
          idempotencyRetentionRule(config.IDEMPOTENCY_TTL_SECONDS, config.idempotencyRetentionSeconds),
        ]),
        HealthModule,
        OmnichannelModule,
        OpsModule,
        ShipmentsModule,
        ExceptionQueueModule,
        OrdersModule,
        PosModule,
        ReturnsModule,
        ReconciliationModule,
        WebhooksModule,
      ],
      // The order search lives with the operator routes (ops) but reads orders through OrdersModule's client.
      controllers: [OrderSearchController],
    };
  }
}
