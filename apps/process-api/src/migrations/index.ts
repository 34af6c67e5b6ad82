import { MigrationSet } from '@weft/persistence';
import { BaselinePg1796163449188 } from './postgres/1796163449188-Baseline';
import { RetentionIndexesPg1796164531237 } from './postgres/1796164531237-RetentionIndexes';
import { Wave2FeaturesPg1796166182741 } from './postgres/1796166182741-Wave2Features';
import { OrderTraceparentPg1796166700788 } from './postgres/1796166700788-OrderTraceparent';
import { RetentionIndexesPg1796171968505 } from './postgres/1796171968505-RetentionIndexes';
import { ReconciliationKeysetIndexesPg1796173744461 } from './postgres/1796173744461-ReconciliationKeysetIndexes';
import { LedgerCataloguePg1796175476457 } from './postgres/1796175476457-LedgerCatalogue';
import { ErpCancellationFeedPg1796185230523 } from './postgres/1796185230523-ErpCancellationFeed';
import { ChannelInventoryWriteShopPg1796186221800 } from './postgres/1796186221800-ChannelInventoryWriteShop';
import { DueIndexesPg1796186519738 } from './postgres/1796186519738-DueIndexes';
import { OutboxDueIndexPg1796187168419 } from './postgres/1796187168419-OutboxDueIndex';
import { BaselineSqlite1796163449188 } from './sqlite/1796163449188-Baseline';
import { RetentionIndexesSqlite1796164531237 } from './sqlite/1796164531237-RetentionIndexes';
import { Wave2FeaturesSqlite1796166182741 } from './sqlite/1796166182741-Wave2Features';
import { OrderTraceparentSqlite1796166700788 } from './sqlite/1796166700788-OrderTraceparent';
import { RetentionIndexesSqlite1796171968505 } from './sqlite/1796171968505-RetentionIndexes';
import { ReconciliationKeysetIndexesSqlite1796173744461 } from './sqlite/1796173744461-ReconciliationKeysetIndexes';
import { LedgerCatalogueSqlite1796175476457 } from './sqlite/1796175476457-LedgerCatalogue';
import { ErpCancellationFeedSqlite1796185230523 } from './sqlite/1796185230523-ErpCancellationFeed';
import { ChannelInventoryWriteShopSqlite1796186221800 } from './sqlite/1796186221800-ChannelInventoryWriteShop';
import { DueIndexesSqlite1796186519738 } from './sqlite/1796186519738-DueIndexes';
import { OutboxDueIndexSqlite1796187168419 } from './sqlite/1796187168419-OutboxDueIndex';

/** process-api's committed schema history, oldest first (`npm run migration:generate -- <Name>` appends). */
export const PROCESS_MIGRATIONS: MigrationSet = {
  postgres: [
    BaselinePg1796163449188,
    RetentionIndexesPg1796164531237,
    Wave2FeaturesPg1796166182741,
    OrderTraceparentPg1796166700788,
    RetentionIndexesPg1796171968505,
    ReconciliationKeysetIndexesPg1796173744461,
    LedgerCataloguePg1796175476457,
    ErpCancellationFeedPg1796185230523,
    ChannelInventoryWriteShopPg1796186221800,
    DueIndexesPg1796186519738,
    OutboxDueIndexPg1796187168419,
  ],
  sqlite: [
    BaselineSqlite1796163449188,
    RetentionIndexesSqlite1796164531237,
    Wave2FeaturesSqlite1796166182741,
    OrderTraceparentSqlite1796166700788,
    RetentionIndexesSqlite1796171968505,
    ReconciliationKeysetIndexesSqlite1796173744461,
    LedgerCatalogueSqlite1796175476457,
    ErpCancellationFeedSqlite1796185230523,
    ChannelInventoryWriteShopSqlite1796186221800,
    DueIndexesSqlite1796186519738,
    OutboxDueIndexSqlite1796187168419,
  ],
};
