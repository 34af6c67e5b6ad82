import { EXPERIENCE_MIGRATIONS } from './migrations';
import { DynamicModule, Module } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
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
import { OrdersController } from './orders/orders.controller';
import { ExperienceOrdersService } from './orders/orders.service';
import { PROCESS_CLIENT, ProcessClient } from './orders/process.client';
import { PosController } from './pos/pos.controller';
import { RECONCILIATION_CLIENT, ReconciliationClient } from './reconciliation/reconciliation.client';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationEdgeService } from './reconciliation/reconciliation.service';
import { ReturnsController } from './returns/returns.controller';
import { ShipmentsModule } from './shipments/shipments.module';
import { ExperienceReturnsService } from './returns/returns.service';
import { inboxRetentionRule } from './webhooks/inbox.retention';
import { ShopifyInboxRecord } from './webhooks/shopify-inbox.entity';
import { ShopifyWebhookController } from './webhooks/shopify-webhook.controller';
import { ShopifyWebhookService } from './webhooks/shopify-webhook.service';
import { ExperiencePosService } from './pos/pos.service';

export const EXPERIENCE_ENTITIES = [...GATEWAY_ENTITIES, ShopifyInboxRecord, ...MESSAGING_ENTITIES];

function processClient(c: ExperienceConfig, signer: ServiceTokenSigner, metrics: WeftMetrics): LayerClient {
  return new LayerClient(
    {
      caller: 'experience-api',
      audience: 'process-api',
      baseUrl: c.processApiUrl,
      timeoutMs: c.DOWNSTREAM_TIMEOUT_MS,
      scope: 'process:read process:write',
    },
    signer,
    metrics,
  );
}

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
      ],
      controllers: [
        ShopifyWebhookController,
        OrdersController,
        PosController,
        ReturnsController,
        ReconciliationController,
        OrderSearchController,
      ],
      providers: [
        {
          provide: PROCESS_CLIENT,
          inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
          useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) => new ProcessClient(processClient(c, s, metrics)),
        },
        {
          provide: RECONCILIATION_CLIENT,
          inject: [ExperienceConfig, ServiceTokenSigner, WeftMetrics],
          useFactory: (c: ExperienceConfig, s: ServiceTokenSigner, metrics: WeftMetrics) =>
            new ReconciliationClient(processClient(c, s, metrics)),
        },
        ReconciliationEdgeService,
        ExperienceOrdersService,
        ExperienceReturnsService,
        ShopifyWebhookService,
        ExperiencePosService,
      ],
    };
  }
}
