import { Logger } from '@nestjs/common';
import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/** One app's committed migrations, per driver (the SQL differs between PostgreSQL and SQLite). */
export interface MigrationSet {
  postgres: MigrationClass[];
  sqlite: MigrationClass[];
}

export const MIGRATIONS_TABLE = 'weft_migrations';

/**
 * Applies the pending migrations. On PostgreSQL a session advisory lock keyed on the schema makes
 * replicas that start together take turns: the first migrates, the others find nothing left to do.
 */
export async function migrate(ds: DataSource, logger = new Logger('Migrations')): Promise<string[]> {
  if (ds.options.type !== 'postgres') return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('weft-migrate:' || current_schema()))`);
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`applied ${applied.map((m) => m.name).join(', ')}`);
    return applied.map((m) => m.name);
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('weft-migrate:' || current_schema()))`).catch(() => undefined);
    await lock.release();
  }
}
