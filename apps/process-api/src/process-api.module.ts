import { PROCESS_MIGRATIONS } from './migrations';
import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule } from '@weft/gateway';
import { MESSAGING_ENTITIES, MessagingModule } from '@weft/messaging';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, HealthModule, InfraModule } from '@weft/platform';
import { CrmShipmentConsumer } from './consumers/crm-shipment.consumer';
import { IntakeController } from './intake/intake.controller';
import { OMNICHANNEL_ENTITIES, OmnichannelModule } from './inventory/omnichannel.module';
import { ShopifyIntakeService } from './intake/shopify-intake.service';
import { OpsController } from './ops/ops.controller';
import { OpsService } from './ops/ops.service';
import { OrderKpis } from './ops/order-kpis';
import { OpsSummaryController } from './ops/ops-summary.controller';
import { OpsSummaryService } from './ops/ops-summary.service';
import { OrderSearchService } from './ops/order-search.service';
import { ExceptionsController } from './ops/exceptions.controller';
import { ExceptionsService } from './ops/exceptions.service';
import { OperatorAction } from './ops/operator-action.entity';
import { ORDER_ENTITIES } from './orders/order.entity';
import { OrderIntakeService } from './orders/order-intake.service';
import { OrderStore } from './orders/order.store';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { Catalogue, CatalogueProduct } from './orders/catalogue';
import { PendingOrderFact } from './orders/pending-fact.entity';
import { ProcessConfig } from './process.config';
import { PAYMENT_PORT, ReferencePaymentAdapter } from './returns/payment.port';
import { RETURN_ENTITIES } from './returns/return.entity';
import { ReturnStore } from './returns/return.store';
import { ReturnToRefundWorkflow } from './returns/return-to-refund.workflow';
import { ReturnsController } from './returns/returns.controller';
import { ReturnsRunner } from './returns/returns.runner';
import { ReturnsService } from './returns/returns.service';
import { ShipmentsController } from './shipments/shipments.controller';
import { ShipmentsService } from './shipments/shipments.service';
import { ShopifyCatchUpState } from './shopify/shopify-catch-up.entity';
import { ShopifyCatchUpScheduler } from './shopify/shopify-catch-up.scheduler';
import { ShopifyCatchUpService } from './shopify/shopify-catch-up.service';
import { ShopifyOpsController } from './shopify/shopify-ops.controller';
import { ShopifyPaymentAdapter } from './shopify/shopify-payment.adapter';
import { ShopifySystemModule } from './shopify/shopify-system.module';
import { ShopifyWriteBackConsumer } from './shopify/shopify-write-back.consumer';
import { RECONCILIATION_ENTITIES, ReconciliationModule } from './reconciliation/reconciliation.module';
import { SystemModule } from './system/system.module';
import { OrderToCashWorkflow } from './workflow/order-to-cash.workflow';
import { WorkflowRunner } from './workflow/workflow.runner';
import { CLOCK, systemClock } from './workflow/clock.port';

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
        MessagingModule.forRoot({ publisher: 'bus', retry: { maxDeliveries: config.EVENT_MAX_DELIVERIES, baseDelayMs: 200 } }),
        HealthModule,
        SystemModule,
        ShopifySystemModule,
        OmnichannelModule,
        ReconciliationModule,
      ],
      controllers: [
        OrdersController,
        IntakeController,
        OpsController,
        OpsSummaryController,
        ReturnsController,
        ShipmentsController,
        ExceptionsController,
        ShopifyOpsController,
      ],
      providers: [
        OrderStore,
        OrderIntakeService,
        OrdersService,
        Catalogue,
        ShopifyIntakeService,
        OrderToCashWorkflow,
        WorkflowRunner,
        OpsService,
        OrderKpis,
        OpsSummaryService,
        OrderSearchService,
        ShipmentsService,
        ExceptionsService,
        CrmShipmentConsumer,
        ReturnStore,
        ReturnToRefundWorkflow,
        ReturnsRunner,
        ReturnsService,
        ReferencePaymentAdapter,
        ShopifyPaymentAdapter,
        { provide: PAYMENT_PORT, useExisting: ShopifyPaymentAdapter },
        ShopifyWriteBackConsumer,
        ShopifyCatchUpService,
        ShopifyCatchUpScheduler,
        { provide: CLOCK, useValue: systemClock },
      ],
    };
  }
}
