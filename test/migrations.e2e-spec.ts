import { WeftConfig } from '@weft/config';
import { dataSourceOptions, migrate, MigrationSet } from '@weft/persistence';
import { REAL_INFRA, testEnv } from '@weft/testing';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../apps/process-api/src/migrations/schema';

/** The previous release = the baseline migration alone; this release adds the retention indexes. */
const previous: MigrationSet = { postgres: SCHEMA.migrations.postgres.slice(0, 1), sqlite: SCHEMA.migrations.sqlite.slice(0, 1) };

describe(`schema migrations (${REAL_INFRA ? 'PostgreSQL' : 'SQLite'})`, () => {
  const config = (): WeftConfig => Object.assign(new WeftConfig(), testEnv());
  const open = async (c: WeftConfig, migrations: MigrationSet) =>
    new DataSource(await dataSourceOptions(c, 'process', SCHEMA.entities, migrations)).initialize();
  const indexNames = async (ds: DataSource): Promise<string[]> =>
    REAL_INFRA
      ? ((await ds.query(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`)) as { name: string }[]).map(
          (r) => r.name,
        )
      : ((await ds.query(`SELECT name FROM sqlite_master WHERE type = 'index'`)) as { name: string }[]).map((r) => r.name);

  it('upgrades a database made by the previous release, with data in it, and keeps the data', async () => {
    const c = config();
    const old = await open(c, previous);
    expect(await migrate(old)).toEqual([new previous[REAL_INFRA ? 'postgres' : 'sqlite'][0]().name]);
    await old.query(
      `INSERT INTO processed_events ("consumer", "eventId", "processedAt") VALUES ('order-events', 'evt-1', '2026-01-02T03:04:05.000Z')`,
    );
    await old.query(
      `INSERT INTO outbox ("id", "type", "subject", "payload", "createdAt", "publishedAt", "attempts", "nextAttemptAt") VALUES ('o-1', 'weft.order.received', 'order/1', '{"a":1}', '2026-01-02T03:04:05.000Z', NULL, 0, '2026-01-02T03:04:05.000Z')`,
    );
    expect(await indexNames(old)).not.toContain('IDX_processed_events_processed_at');
    await old.destroy();

    const current = await open(c, SCHEMA.migrations);
    const applied = await migrate(current);
    expect(applied).toHaveLength(SCHEMA.migrations.sqlite.length - 1);
    expect(applied[0]).toMatch(/^RetentionIndexes/);
    expect(await indexNames(current)).toContain('IDX_processed_events_processed_at');
    expect(await current.query(`SELECT "eventId", "processedAt" FROM processed_events`)).toEqual([
      { eventId: 'evt-1', processedAt: '2026-01-02T03:04:05.000Z' },
    ]);
    expect(await current.query(`SELECT "id", "payload" FROM outbox`)).toEqual([{ id: 'o-1', payload: '{"a":1}' }]);
    expect(await migrate(current)).toEqual([]); // nothing left: a restart migrates nothing
    await current.destroy();
  });

  (REAL_INFRA ? it : it.skip)('migrates once when replicas start together (advisory lock)', async () => {
    const c = config();
    const replicas = await Promise.all([open(c, SCHEMA.migrations), open(c, SCHEMA.migrations), open(c, SCHEMA.migrations)]);
    const applied = await Promise.all(replicas.map((ds) => migrate(ds)));
    expect(applied.flat().sort()).toEqual(SCHEMA.migrations.postgres.map((m) => new m().name!).sort());
    const rows = (await replicas[0].query(`SELECT name FROM weft_migrations`)) as { name: string }[];
    expect(rows).toHaveLength(SCHEMA.migrations.postgres.length);
    await Promise.all(replicas.map((ds) => ds.destroy()));
  });
});
