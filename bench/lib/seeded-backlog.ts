import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource, FindManyOptions, ObjectLiteral } from 'typeorm';
import { dueOutboxClaim, OutboxRecord } from '@weft/messaging';
import { OrderRecord } from '../../apps/process-api/src/orders/order.entity';
import { dueRowsClaim } from '../../apps/process-api/src/workflow/leased-work-queue';

/** States at or past ACCEPTED_BY_ERP, as OrderStateProbe counts them. */
const ACCEPTED = `('ACCEPTED_BY_ERP','PARTIALLY_FULFILLED','FULFILLED','INVOICED','COMPLETED')`;
/** Columns a seeded copy does not take from its template: the workflow's progress and the ERP's ids. */
const RESET_TO_NULL = [
  'erpCustomerId',
  'crmContactId',
  'reservationKey',
  'erpSalesOrderId',
  'erpOrderNumber',
  'erpInvoiceId',
  'traceparent',
  'nextAttemptAt',
  'lastError',
  'resumeState',
  'waitingSince',
  'leaseUntil',
  'leaseOwner',
];

/**
 * A backlog written straight into process-api's database: copies of one order the real intake stored
 * (its document, mapping and columns as the app wrote them), each with its own id, business key and
 * Shopify order id, in RECEIVED with no nextAttemptAt, so the runner leaves them alone until release()
 * makes them all due at once. 50,000 orders through HTTP would take longer than the drain itself.
 */
export class SeededBacklog {
  private constructor(
    private readonly ds: DataSource,
    private readonly pg: boolean,
    private readonly schema: string | undefined,
  ) {}

  static async open(env: Record<string, string>): Promise<SeededBacklog> {
    const entities = [OrderRecord, OutboxRecord];
    if (env.DATABASE_URL) {
      const schema = `${env.DATABASE_SCHEMA_PREFIX}_process`;
      const ds = new DataSource({
        type: 'postgres',
        url: env.DATABASE_URL,
        schema,
        entities,
        extra: { max: 1, application_name: 'weft-bench-seed' },
      });
      await ds.initialize();
      return new SeededBacklog(ds, true, schema);
    }
    const ds = new DataSource({ type: 'better-sqlite3', database: join(env.WEFT_DATA_DIR, 'process.sqlite'), entities, timeout: 30_000 });
    await ds.initialize();
    return new SeededBacklog(ds, false, undefined);
  }

  get isPostgres(): boolean {
    return this.pg;
  }

  private get orders(): string {
    return this.schema ? `"${this.schema}"."orders"` : 'orders';
  }

  private p(i: number): string {
    return this.pg ? `$${i}` : '?';
  }

  private async columns(): Promise<string[]> {
    if (this.pg) {
      const rows = (await this.ds.query(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'orders' ORDER BY ordinal_position`,
        [this.schema],
      )) as { name: string }[];
      return rows.map((r) => r.name);
    }
    return ((await this.ds.query(`PRAGMA table_info(orders)`)) as { name: string }[]).map((r) => r.name);
  }

  /** The one order the intake stored: the template every copy is made from. */
  async template(): Promise<{ id: string; externalId: string }> {
    const rows = (await this.ds.query(`SELECT id, "externalId" FROM ${this.orders} ORDER BY "createdAt" LIMIT 1`)) as {
      id: string;
      externalId: string;
    }[];
    if (!rows[0]) throw new Error('no template order: the intake stored none');
    return rows[0];
  }

  /**
   * Inserts n copies of the template in one statement; `shopifyOrderId` is the id inside the template's
   * document and keys, replaced per copy so every copy is a distinct order to the ERP as well.
   */
  async seed(n: number, templateId: string, shopifyOrderId: string): Promise<number> {
    const idPrefix = `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-4${randomBytes(2).toString('hex').slice(1)}-8${randomBytes(2).toString('hex').slice(1)}-`;
    const orderPrefix = `9${String(Date.now() % 1e9).padStart(9, '0')}`; // + 8 digits = an 18-digit Shopify id, as the fixture's
    const base = new Date(Date.now() - 86_400_000).toISOString();
    // Values are inlined as literals: each appears several times, and SQLite's `?` takes one value per occurrence.
    const lit = (v: string): string => `'${v.replace(/'/g, "''")}'`;
    const pad = (width: number): string => (this.pg ? `lpad(n::text, ${width}, '0')` : `printf('%0${width}d', n)`);
    const newOrderId = `(${lit(orderPrefix)} || ${pad(8)})`;
    const at = this.pg
      ? `to_char((${lit(base)}::timestamptz + n * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', ${lit(base)}, '+' || (n / 1000.0) || ' seconds')`;
    const replaced = (c: string): string => `replace(t."${c}", ${lit(shopifyOrderId)}, ${newOrderId})`;
    const expr: Record<string, string> = {
      id: `(${lit(idPrefix)} || ${pad(12)})`,
      businessKey: replaced('businessKey'),
      externalId: replaced('externalId'),
      document: replaced('document'),
      state: `'RECEIVED'`,
      attempts: '0',
      version: '1',
      createdAt: at,
      updatedAt: at,
      ...Object.fromEntries(RESET_TO_NULL.map((c) => [c, 'NULL'])),
    };
    const cols = await this.columns();
    const select = cols.map((c) => expr[c] ?? `t."${c}"`).join(', ');
    const series = this.pg
      ? `generate_series(1, ${n}) AS s(n)`
      : `(WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${n}) SELECT n FROM seq) s`;
    const sql = `INSERT INTO ${this.orders} (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM ${series}, ${this.orders} t WHERE t.id = ${lit(templateId)}`;
    await this.ds.query(sql);
    // PostgreSQL's autovacuum would analyse a table that grew this much; SQLite files are never analysed by the app.
    if (this.pg) await this.ds.query(`ANALYZE ${this.orders}`);
    return Number(((await this.ds.query(`SELECT COUNT(*) AS n FROM ${this.orders} WHERE state = 'RECEIVED'`)) as { n: number }[])[0].n);
  }

  /** Makes every seeded order due now, in one statement; returns when it committed. */
  async release(): Promise<void> {
    await this.ds.query(`UPDATE ${this.orders} SET "nextAttemptAt" = ${this.p(1)} WHERE state = 'RECEIVED' AND "nextAttemptAt" IS NULL`, [
      new Date().toISOString(),
    ]);
  }

  async accepted(): Promise<number> {
    return Number(((await this.ds.query(`SELECT COUNT(*) AS n FROM ${this.orders} WHERE state IN ${ACCEPTED}`)) as { n: number }[])[0].n);
  }

  /** PostgreSQL's own counters for the orders table: dead row versions, vacuums, scans (undefined on SQLite). */
  async tableStats(): Promise<Record<string, number> | undefined> {
    if (!this.pg) return undefined;
    const rows = (await this.ds.query(
      `SELECT n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count, seq_scan, seq_tup_read, idx_scan, pg_total_relation_size(relid) AS bytes
         FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'orders'`,
      [this.schema],
    )) as Record<string, string>[];
    return rows[0] ? Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])) : undefined;
  }

  /** When the k-th order (1-based) reached ACCEPTED_BY_ERP or later, from the rows' own updatedAt. */
  async acceptedAt(k: number): Promise<number> {
    const rows = (await this.ds.query(
      `SELECT "updatedAt" AS at FROM ${this.orders} WHERE state IN ${ACCEPTED} ORDER BY "updatedAt" LIMIT 1 OFFSET ${this.p(1)}`,
      [k - 1],
    )) as { at: string }[];
    return rows[0] ? Date.parse(rows[0].at) : NaN;
  }

  async states(): Promise<Record<string, number>> {
    const rows = (await this.ds.query(`SELECT state, COUNT(*) AS n FROM ${this.orders} GROUP BY state`)) as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** EXPLAIN of the two hot claims, from the very find options the code runs them with, so the SQL is TypeORM's own. */
  async explainClaims(analyze = false): Promise<{ query: string; sql: string; plan: string[] }[]> {
    const now = new Date().toISOString();
    const runnerClaim = dueRowsClaim<OrderRecord>(now, 32);
    const outboxClaim = dueOutboxClaim(now, 200);
    return [
      await this.explain('workflow runner claim (LeasedWorkQueue.claim, orders)', OrderRecord, runnerClaim, analyze),
      await this.explain('outbox relay claim (OutboxRelay.claim, outbox)', OutboxRecord, outboxClaim, analyze),
    ];
  }

  private async explain<T extends ObjectLiteral>(
    query: string,
    entity: new () => T,
    options: FindManyOptions<T>,
    analyze: boolean,
  ): Promise<{ query: string; sql: string; plan: string[] }> {
    const qb = this.ds.getRepository(entity).createQueryBuilder(entity.name).setFindOptions(options);
    const [sql, params] = qb.getQueryAndParameters();
    // ANALYZE runs the SELECT (no lease is taken): what the claim costs on the table as the drain left it.
    const explain = this.pg ? (analyze ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN') : 'EXPLAIN QUERY PLAN';
    const rows = (await this.ds.query(`${explain} ${sql}`, params)) as Record<string, unknown>[];
    const plan = rows.map((r) => String(this.pg ? r['QUERY PLAN'] : `${'  '.repeat(Number(r.parent) > 0 ? 1 : 0)}${String(r.detail)}`));
    // TypeORM names indexes by hash: say which columns each one the plan uses covers.
    const names = new Set(plan.flatMap((l) => [...l.matchAll(/(?:INDEX|using) (IDX_\w+)/gi)].map((m) => m[1])));
    for (const name of names) {
      const cols = this.pg
        ? ((await this.ds.query(`SELECT indexdef AS d FROM pg_indexes WHERE indexname = $1`, [name])) as { d: string }[]).map((r) => r.d)
        : ((await this.ds.query(`PRAGMA index_info("${name}")`)) as { name: string }[]).map((r) => r.name);
      plan.push(`(${name}: ${cols.join(', ')})`);
    }
    return { query, sql, plan };
  }

  close(): Promise<void> {
    return this.ds.destroy();
  }
}
