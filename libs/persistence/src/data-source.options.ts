import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSourceOptions, EntitySchema } from 'typeorm';
import { WeftConfig } from '@weft/config';

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
  } finally {
    await client.end();
  }
}

/**
 * One database per app (a schema on PostgreSQL, a file on SQLite): each layer owns its data, as the
 * API-led design requires. Tables are synchronised from the entities at start-up.
 */
export async function dataSourceOptions(config: WeftConfig, app: string, entities: EntityList): Promise<DataSourceOptions> {
  if (config.DATABASE_URL) {
    const schema = schemaName(config, app);
    await ensureSchema(config.DATABASE_URL, schema);
    return {
      type: 'postgres',
      url: config.DATABASE_URL,
      schema,
      entities,
      synchronize: true,
      extra: { max: 10, application_name: `weft-${app}` },
    };
  }
  const dir = resolve(config.WEFT_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return {
    type: 'better-sqlite3',
    database: join(dir, `${app}.sqlite`),
    entities,
    synchronize: true,
    enableWAL: true,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  };
}
