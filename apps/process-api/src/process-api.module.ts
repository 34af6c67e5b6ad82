import { PROCESS_MIGRATIONS } from './migrations';
import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from '@weft/gateway';
import { MESSAGING_ENTITIES, MessagingModule, messagingRetentionRules } from '@weft/messaging';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule, RetentionModule } from '@weft/platform';
import { IntakeModule } from './intake/intake.module';
import { OMNICHANNEL_ENTITIES, OmnichannelModule } from './inventory/omnichannel.module';
import { OperatorAction } from './ops/operator-action.entity';
import { OpsModule } from './ops/ops.module';
import { ORDER_ENTITIES } from './orders/order.entity';
import { OrdersModule } from './orders/orders.module';
import { PendingOrderFact } from './orders/pending-fact.entity';
import { CatalogueProduct } from './orders/catalogue';
import { ProcessConfig } from './process.config';
import { RETURN_ENTITIES } from './returns/return.entity';
import { ReturnsModule } from './returns/returns.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { ShopifyCatchUpState } from './shopify/shopify-catch-up.entity';
import { ShopifySystemModule } from './shopify/shopify-system.module';
import { ShopifyModule } from './shopify/shopify.module';
import { RECONCILIATION_ENTITIES, ReconciliationModule } from './reconciliation/reconciliation.module';
import { SystemModule } from './system/system.module';
import { WorkflowModule } from './workflow/workflow.module';
import { transitionRetentionRules } from './workflow/transition.retention';

export const PROCESS_ENTITIES = [
  ...ORDER_ENTITIES,
  PendingOrderFact,
  CatalogueProduct,
  ...RETURN_ENTITIES,
  ...MESSAGING_ENTITIES,
  ...OMNICHANNEL_ENTITIES,
  OperatorAction,
  ShopifyCatchUpState,
  ...RECONCILIATION_ENTITIES,
];

@Module({})
export class ProcessApiModule {
  static register(config: ProcessConfig): DynamicModule {
    return {
      module: ProcessApiModule,
      imports: [
        ConfigModule.forRoot(ProcessConfig, config),
        InfraModule,
        PersistenceModule.forApp('process', PROCESS_ENTITIES, PROCESS_MIGRATIONS),
        GatewayModule.forService('process-api'),
        MessagingModule.forRoot({
          publisher: 'bus',
          retry: { maxDeliveries: config.EVENT_MAX_DELIVERIES, baseDelayMs: 200, outageBudgetMs: config.retryPolicy.giveUpAfterMs },
        }),
        RetentionModule.forRoot(config, [
          ...messagingRetentionRules(config),
          ...transitionRetentionRules(config.RETENTION_TRANSITIONS_DAYS),
        ]),
        HealthModule,
        SystemModule,
        ShopifySystemModule,
        WorkflowModule,
        OrdersModule,
        ReturnsModule,
        ShipmentsModule,
        IntakeModule,
        OpsModule,
        ShopifyModule,
        OmnichannelModule,
        ReconciliationModule,
      ],
    };
  }
}
