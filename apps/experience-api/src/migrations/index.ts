import { MigrationSet } from '@weft/persistence';
import { BaselinePg1796163449188 } from './postgres/1796163449188-Baseline';
import { RetentionIndexesPg1796164531237 } from './postgres/1796164531237-RetentionIndexes';
import { Wave2FeaturesPg1796166182741 } from './postgres/1796166182741-Wave2Features';
import { RetentionIndexesPg1796171968505 } from './postgres/1796171968505-RetentionIndexes';
import { OutboxDueIndexPg1796187168419 } from './postgres/1796187168419-OutboxDueIndex';
import { BaselineSqlite1796163449188 } from './sqlite/1796163449188-Baseline';
import { RetentionIndexesSqlite1796164531237 } from './sqlite/1796164531237-RetentionIndexes';
import { Wave2FeaturesSqlite1796166182741 } from './sqlite/1796166182741-Wave2Features';
import { RetentionIndexesSqlite1796171968505 } from './sqlite/1796171968505-RetentionIndexes';
import { OutboxDueIndexSqlite1796187168419 } from './sqlite/1796187168419-OutboxDueIndex';

/** experience-api's committed schema history, oldest first (`npm run migration:generate -- <Name>` appends). */
export const EXPERIENCE_MIGRATIONS: MigrationSet = {
  postgres: [
    BaselinePg1796163449188,
    RetentionIndexesPg1796164531237,
    Wave2FeaturesPg1796166182741,
    RetentionIndexesPg1796171968505,
    OutboxDueIndexPg1796187168419,
  ],
  sqlite: [
    BaselineSqlite1796163449188,
    RetentionIndexesSqlite1796164531237,
    Wave2FeaturesSqlite1796166182741,
    RetentionIndexesSqlite1796171968505,
    OutboxDueIndexSqlite1796187168419,
  ],
};
