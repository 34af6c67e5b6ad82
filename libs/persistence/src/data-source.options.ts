import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSourceOptions, EntitySchema } from 'typeorm';
import { WeftConfig } from '@weft/config';
import { MIGRATIONS_TABLE, MigrationSet } from './migrations';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = (Function | EntitySchema)[];

export function schemaName(config: WeftConfig, app: string): string {
  return `${config.DATABASE_SCHEMA_PREFIX}_${app.replace(/-/g, '_')}`;
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (e) {
    // Two apps starting at once may race on the catalog; the schema exists either way.
    if ((e as { code?: string }).code !== '23505') throw e;
  }
  try {
    // The migrations' uuid_generate_v4() must be in public, which every app's search_path ends with. Left
    // to TypeORM, the first app to start on a fresh database installs it in its own schema, and the others'
    // migrations then fail ("function uuid_generate_v4() does not exist").
    await client.query('CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public');
  } catch (e) {
    // A concurrent start created it (23505), or this role may not (42501): then it must be there already.
    if (!['23505', '42501'].includes((e as { code?: string }).code ?? '')) throw e;
  } finally {
    await client.end();
  }
}

/**
 * One database per app (a schema on PostgreSQL, a file on SQLite): each layer owns its data, as the
 * API-led design requires. Tables come from the committed migrations (never `synchronize`). On
 * PostgreSQL the schema leads the connection's search_path (then public, for extensions such as uuid-ossp), so the migrations' SQL names no schema and
 * serves every DATABASE_SCHEMA_PREFIX.
 */
export async function dataSourceOptions(
  config: WeftConfig,
  app: string,
  entities: EntityList,
  /** Absent only for test and bench harness apps, whose throwaway tables are synchronised. */
  migrations?: MigrationSet,
): Promise<DataSourceOptions> {
  if (config.DATABASE_URL) {
    const schema = schemaName(config, app);
    await ensureSchema(config.DATABASE_URL, schema);
    return postgresOptions(config.DATABASE_URL, schema, entities, migrations, `weft-${app}`);
  }
  const dir = resolve(config.WEFT_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return {
    type: 'better-sqlite3',
    database: join(dir, `${app}.sqlite`),
    entities,
    synchronize: !migrations,
    migrations: migrations?.sqlite ?? [],
    migrationsTableName: MIGRATIONS_TABLE,
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  };
}

export function postgresOptions(
  url: string,
  schema: string,
  entities: EntityList,
  migrations: MigrationSet | undefined,
  name: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    synchronize: !migrations,
    migrations: migrations?.postgres ?? [],
    migrationsTableName: MIGRATIONS_TABLE,
    extra: { max: 10, application_name: name, options: `-c search_path="${schema}",public` },
  };
}
