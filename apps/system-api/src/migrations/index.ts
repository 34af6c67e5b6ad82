import { MigrationSet } from '@weft/persistence';
import { BaselinePg1796163449188 } from './postgres/1796163449188-Baseline';
import { RetentionIndexesPg1796164531237 } from './postgres/1796164531237-RetentionIndexes';
import { Wave2FeaturesPg1796166182741 } from './postgres/1796166182741-Wave2Features';
import { RetentionIndexesPg1796171968505 } from './postgres/1796171968505-RetentionIndexes';
import { ReservationExpiryPg1796174896706 } from './postgres/1796174896706-ReservationExpiry';
import { ErpCancellationFeedPg1796185230523 } from './postgres/1796185230523-ErpCancellationFeed';
import { OutboxDueIndexPg1796187168419 } from './postgres/1796187168419-OutboxDueIndex';
import { BaselineSqlite1796163449188 } from './sqlite/1796163449188-Baseline';
import { RetentionIndexesSqlite1796164531237 } from './sqlite/1796164531237-RetentionIndexes';
import { Wave2FeaturesSqlite1796166182741 } from './sqlite/1796166182741-Wave2Features';
import { RetentionIndexesSqlite1796171968505 } from './sqlite/1796171968505-RetentionIndexes';
import { ReservationExpirySqlite1796174896706 } from './sqlite/1796174896706-ReservationExpiry';
import { ErpCancellationFeedSqlite1796185230523 } from './sqlite/1796185230523-ErpCancellationFeed';
import { OutboxDueIndexSqlite1796187168419 } from './sqlite/1796187168419-OutboxDueIndex';

/** system-api's committed schema history, oldest first (`npm run migration:generate -- <Name>` appends). */
export const SYSTEM_MIGRATIONS: MigrationSet = {
  postgres: [
    BaselinePg1796163449188,
    RetentionIndexesPg1796164531237,
    Wave2FeaturesPg1796166182741,
    RetentionIndexesPg1796171968505,
    ReservationExpiryPg1796174896706,
    ErpCancellationFeedPg1796185230523,
    OutboxDueIndexPg1796187168419,
  ],
  sqlite: [
    BaselineSqlite1796163449188,
    RetentionIndexesSqlite1796164531237,
    Wave2FeaturesSqlite1796166182741,
    RetentionIndexesSqlite1796171968505,
    ReservationExpirySqlite1796174896706,
    ErpCancellationFeedSqlite1796185230523,
    OutboxDueIndexSqlite1796187168419,
  ],
};
