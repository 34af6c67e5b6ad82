import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { loadConfig, WeftConfig } from '@weft/config';
import { dataSourceOptions, EntityList, migrate, MIGRATIONS_TABLE, MigrationSet, postgresOptions } from '@weft/persistence';

/**
 * `npm run migrate`: applies the committed migrations of the three apps to the configured database
 * (DATABASE_URL, else the embedded SQLite files), as the apps do at start-up, under the same lock.
 * `migration:generate -- <Name>`: writes the migrations that take the committed ones to the entities,
 * for both drivers, and rewrites each app's migrations/index.ts.
 * `migrations:check`: the same into nowhere; exits 1, listing the statements, if anything comes out.
 * Generation replays the migrations on scratch databases: a temporary SQLite file, and a throwaway
 * schema on MIGRATIONS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
type Driver = 'postgres' | 'sqlite';
interface AppSchema {
  app: string;
  entities: EntityList;
  migrations: MigrationSet;
}
const APPS = ['system', 'process', 'experience'];
const ROOT = resolve(__dirname, '..', '..');
const DIST = resolve(__dirname, '..');

function schemaOf(app: string): AppSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(DIST, 'apps', `${app}-api`, 'src', 'migrations', 'schema.js')) as { SCHEMA: AppSchema }).SCHEMA;
}

async function scratch(driver: Driver, s: AppSchema, run: (ds: DataSource) => Promise<void>): Promise<void> {
  let options: DataSourceOptions;
  let cleanup: () => Promise<void>;
  if (driver === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'weft-migrations-'));
    options = {
      type: 'better-sqlite3',
      database: join(dir, 'scratch.sqlite'),
      entities: s.entities,
      migrations: s.migrations.sqlite,
      migrationsTableName: MIGRATIONS_TABLE,
    };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = process.env.MIGRATIONS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `weft_scratch_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    options = postgresOptions(url, schema, s.entities, s.migrations, 'weft-migrations');
    cleanup = async () => {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    };
  }
  const ds = await new DataSource(options).initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await run(ds);
  } finally {
    await ds.destroy();
    await cleanup();
  }
}

async function pending(driver: Driver, s: AppSchema): Promise<{ up: string[]; down: string[] }> {
  let result = { up: [] as string[], down: [] as string[] };
  await scratch(driver, s, async (ds) => {
    const sql = await ds.driver.createSchemaBuilder().log();
    // The scratch schema is the search_path: names qualified with it would pin the SQL to it.
    const bare = (q: string) => q.replace(/"weft_scratch_[0-9a-f]{8}"\./g, '');
    result = { up: sql.upQueries.map((q) => bare(q.query)), down: sql.downQueries.map((q) => bare(q.query)).reverse() };
  });
  return result;
}

const DRIVER_DIR: Record<Driver, string> = { postgres: 'postgres', sqlite: 'sqlite' };
const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (qs: string[]) => qs.map((q) => `    await q.query(\`${esc(q)}\`);`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(q: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

/** index.ts lists every migration file of both drivers, in file-name (= timestamp) order. */
function writeIndex(app: string): void {
  const base = join(ROOT, 'apps', `${app}-api`, 'src', 'migrations');
  const imports: string[] = [];
  const lists: Record<Driver, string[]> = { postgres: [], sqlite: [] };
  for (const driver of ['postgres', 'sqlite'] as Driver[]) {
    for (const f of readdirSync(join(base, DRIVER_DIR[driver]))
      .filter((n) => n.endsWith('.ts'))
      .sort()) {
      const cls = /export class (\w+)/.exec(readFileSync(join(base, driver, f), 'utf8'))![1];
      imports.push(`import { ${cls} } from './${driver}/${f.replace(/\.ts$/, '')}';`);
      lists[driver].push(cls);
    }
  }
  const NAME = `${app.toUpperCase()}_MIGRATIONS`;
  writeFileSync(
    join(base, 'index.ts'),
    `import { MigrationSet } from '@weft/persistence';
${imports.join('\n')}

/** ${app}-api's committed schema history, oldest first (\`npm run migration:generate -- <Name>\` appends). */
export const ${NAME}: MigrationSet = {
  postgres: [${lists.postgres.join(', ')}],
  sqlite: [${lists.sqlite.join(', ')}],
};
`,
  );
}

async function generate(name: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  const stamp = Date.now();
  for (const app of APPS) {
    const s = schemaOf(app);
    let wrote = false;
    for (const driver of ['postgres', 'sqlite'] as Driver[]) {
      const { up, down } = await pending(driver, s);
      if (up.length === 0) continue;
      const cls = `${name}${driver === 'postgres' ? 'Pg' : 'Sqlite'}${stamp}`;
      const file = join(ROOT, 'apps', `${app}-api`, 'src', 'migrations', driver, `${stamp}-${name}.ts`);
      writeFileSync(file, migrationSource(cls, up, down));
      process.stdout.write(`wrote ${file.slice(ROOT.length + 1)} (${up.length} statement(s))\n`);
      wrote = true;
    }
    if (wrote) writeIndex(app);
  }
  process.stdout.write('done: run `npx prettier --write apps/*/src/migrations` and `npm run build` before checking\n');
}

async function check(): Promise<void> {
  let drift = 0;
  for (const app of APPS) {
    for (const driver of ['postgres', 'sqlite'] as Driver[]) {
      const { up } = await pending(driver, schemaOf(app));
      if (up.length === 0) continue;
      drift += up.length;
      process.stdout.write(
        `${app}-api (${driver}): the entities need ${up.length} statement(s) no migration has:\n${up.map((q) => `  ${q}`).join('\n')}\n`,
      );
    }
  }
  if (drift) {
    process.stdout.write('entities and migrations disagree: run `npm run migration:generate -- <Name>` and commit the result\n');
    process.exit(1);
  }
  process.stdout.write(`migrations match the entities (${APPS.length} apps x 2 drivers)\n`);
}

async function run(): Promise<void> {
  const config = loadConfig(WeftConfig);
  for (const app of APPS) {
    const s = schemaOf(app);
    const ds = await new DataSource(await dataSourceOptions(config, app, s.entities, s.migrations)).initialize();
    try {
      const applied = await migrate(ds);
      process.stdout.write(`${JSON.stringify({ service: `${app}-api`, msg: 'migrated', applied })}\n`);
    } finally {
      await ds.destroy();
    }
  }
}

const [command, arg] = process.argv.slice(2);
const work =
  command === 'generate'
    ? generate(arg ?? '')
    : command === 'check'
      ? check()
      : command === 'run'
        ? run()
        : Promise.reject(new Error('usage: migrations.js run|check|generate <Name>'));
work.catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
