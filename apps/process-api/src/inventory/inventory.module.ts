import { Module } from '@nestjs/common';
import { instrumentPort, WeftMetrics } from '@weft/observability';
import { ProcessConfig } from '../process.config';
import { ShopifyChannelConfig } from '../shopify/shopify-channel.config';
import { AdminApiShopifyChannelAdapter } from './admin-api-shopify-channel.adapter';
import { ChannelPushScheduler } from './channel-push.scheduler';
import { InventoryConfig, loadInventoryConfig } from './inventory.config';
import { InventoryController } from './inventory.controller';
import { InventoryDriftService } from './inventory-drift.service';
import { InventoryProjectionConsumer } from './inventory-projection.consumer';
import { InventoryProjector } from './inventory-projector';
import { InventoryRecordsService } from './inventory-records.service';
import { InventoryService } from './inventory.service';
import { InventoryStore } from './inventory.store';
import { ReferenceShopifyChannelAdapter } from './reference-shopify-channel.adapter';
import { SHOPIFY_CHANNEL_PORT } from './shopify-channel.port';
import { StockLedger } from './stock-ledger';
import { StockLedgerReconciler } from './stock-ledger-reconciler';

export { INVENTORY_ENTITIES } from './inventory.entities';

/** Omnichannel availability: the ERP's stock projected per SKU and location, published to channels. */
@Module({
  controllers: [InventoryController],
  providers: [
    // Validated when the app starts: a bad INVENTORY_* or SHOPIFY_INVENTORY_MAP stops start-up.
    { provide: InventoryConfig, inject: [ProcessConfig], useFactory: (c: ProcessConfig) => loadInventoryConfig(c) },
    ReferenceShopifyChannelAdapter,
    AdminApiShopifyChannelAdapter,
    {
      // The Admin API whenever a shop has credentials; the reference adapter only for tests and embedded demos.
      provide: SHOPIFY_CHANNEL_PORT,
      inject: [ShopifyChannelConfig, ReferenceShopifyChannelAdapter, AdminApiShopifyChannelAdapter, WeftMetrics],
      useFactory: (
        c: ShopifyChannelConfig,
        reference: ReferenceShopifyChannelAdapter,
        admin: AdminApiShopifyChannelAdapter,
        metrics: WeftMetrics,
      ) => instrumentPort('shopify', c.writeBack === 'admin-api' ? admin : reference, metrics),
    },
    InventoryStore,
    InventoryProjector,
    InventoryService,
    InventoryRecordsService,
    InventoryProjectionConsumer,
    ChannelPushScheduler,
    InventoryDriftService,
    StockLedger,
    StockLedgerReconciler,
  ],
  exports: [InventoryDriftService, StockLedger],
})
export class InventoryModule {}
