import { MigrationSet } from '@weft/persistence';
import { BaselinePg1796163449188 } from './postgres/1796163449188-Baseline';
import { BaselineSqlite1796163449188 } from './sqlite/1796163449188-Baseline';

/** experience-api's committed schema history, oldest first (`npm run migration:generate -- <Name>` appends). */
export const EXPERIENCE_MIGRATIONS: MigrationSet = {
  postgres: [BaselinePg1796163449188],
  sqlite: [BaselineSqlite1796163449188],
};
