import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { listen } from '@weft/platform';
import { buildPosting, ORDER_LEVEL_DISCOUNT_USD } from '@weft/retail-model';
import { freePort, testEnv } from '@weft/testing';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { ReconciliationRunRecord } from '../apps/process-api/src/reconciliation/reconciliation.entities';
import { ReconciliationService } from '../apps/process-api/src/reconciliation/reconciliation.service';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { cleanupReal, REAL_URLS } from './lib/infra';

const USAGE = 'npm run bench:reconcile -- [--orders 100000] [--page-size 500] [--fault-every 1000] [--explain] [--keep]';

interface Figures {
  orders: number;
  pageSize: number;
  seedSeconds: number;
  runSeconds: number;
  ordersPerSecond: number;
  variances: number;
  expectedVariances: number;
  pages: number;
}

/**
 * Reconciling a large window on PostgreSQL: system-api (reference ERP) and process-api in this process,
 * on schemas of their own in the shared database. Orders, ERP sales orders, invoices and payments are
 * seeded in bulk with SQL (generate_series), not through the HTTP stack; then one run is started as the
 * edge would start it and timed until COMPLETED. Every n-th invoice is a cent off, so the run also writes
 * variances. `--explain` prints the plans of the run's hot queries on the seeded data.
 */
export async function reconcileBench(argv: string[]): Promise<Figures> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '100000' },
      'page-size': { type: 'string', default: '500' },
      'fault-every': { type: 'string', default: '1000' },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const orders = Number(values.orders);
  const pageSize = Number(values['page-size']);
  const faultEvery = Number(values['fault-every']);
  if (!(orders > 0 && pageSize > 0 && faultEvery > 0)) throw new Error(USAGE);
  const tag = randomBytes(3).toString('hex');
  const prefix = `bench_${tag}_reconcile`;
  const [sp, pp] = await Promise.all([freePort(), freePort()]);
  const env = testEnv({
    ...REAL_URLS,
    DATABASE_SCHEMA_PREFIX: prefix,
    NATS_PREFIX: prefix,
    REDIS_KEY_PREFIX: `${prefix}:`,
    SYSTEM_API_PORT: String(sp),
    PROCESS_API_PORT: String(pp),
    SYSTEM_API_URL: `http://127.0.0.1:${sp}`,
    PROCESS_API_URL: `http://127.0.0.1:${pp}`,
    RECONCILIATION_PAGE_SIZE: String(pageSize),
    RECONCILIATION_CRON: '',
    RECONCILIATION_POLL_MS: '1000',
    DOWNSTREAM_TIMEOUT_MS: '30000',
    LOG_LEVEL: 'error',
  });
  const system = (await createSystemApi({ ...env })).app;
  await listen(system, sp, '127.0.0.1');
  const proc = (await createProcessApi({ ...env })).app;
  await listen(proc, pp, '127.0.0.1');
  try {
    const erpDb = system.get(DataSource);
    const weftDb = proc.get(DataSource);
    const t0 = performance.now();
    await seed(weftDb, erpDb, orders, faultEvery);
    const seedSeconds = (performance.now() - t0) / 1000;
    process.stderr.write(`seeded ${orders} orders with their ERP postings in ${seedSeconds.toFixed(1)} s\n`);

    const t1 = performance.now();
    const started = await proc.get(ReconciliationService).start({ from: WINDOW.from, to: WINDOW.to }, 'bench');
    const runs = weftDb.getRepository(ReconciliationRunRecord);
    let run = await runs.findOneByOrFail({ id: started.id });
    let lastReport = 0;
    while (run.state === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 200));
      run = await runs.findOneByOrFail({ id: started.id });
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        process.stderr.write(`  ${run.ordersChecked}/${orders} orders checked, ${run.varianceCount} variances\n`);
      }
    }
    const runSeconds = (performance.now() - t1) / 1000;
    if (run.state !== 'COMPLETED') throw new Error(`run ${run.state}: ${run.error}`);
    if (values.explain) await explain(weftDb, erpDb, pageSize);
    const figures: Figures = {
      orders,
      pageSize,
      seedSeconds: round(seedSeconds),
      runSeconds: round(runSeconds),
      ordersPerSecond: Math.round(orders / runSeconds),
      variances: run.varianceCount,
      expectedVariances: Math.floor(orders / faultEvery),
      pages: Math.ceil(orders / pageSize),
    };
    process.stdout.write(
      `${JSON.stringify({ ...figures, machine: { cpus: cpus().length, memGb: round(totalmem() / 2 ** 30), load: loadavg().map(round) } })}\n`,
    );
    if (figures.variances !== figures.expectedVariances)
      throw new Error(`expected ${figures.expectedVariances} variances, the run found ${figures.variances}`);
    return figures;
  } finally {
    await proc.close();
    await system.close();
    if (!values.keep) process.stderr.write(`cleaned up: ${(await cleanupReal(tag)).join(', ')}\n`);
  }
}

const WINDOW = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * N COMPLETED Shopify orders over January (one document per order, the multi-line discounted USD
 * fixture), each with an ERP sales order, a paid invoice equal to the channel's figures and its payment.
 * Every `faultEvery`-th invoice totals one cent less.
 */
async function seed(weft: DataSource, erp: DataSource, n: number, faultEvery: number): Promise<void> {
  const doc = ORDER_LEVEL_DISCOUNT_USD;
  const posting = buildPosting(doc);
  const total = doc.totals.totalMinor;
  const template = JSON.stringify({ ...doc, externalId: '__N__' });
  // createdAt spread over the window, a millisecond apart at most, with ties: the keyset must handle equal times.
  const at = `to_char(timestamp '2026-01-01' + (i / 2) * interval '10 ms', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const key = `'shopify:bench.myshopify.com:' || i`;
  await weft.query(
    `INSERT INTO "orders" ("id","businessKey","channel","externalId","state","document","sourceUpdatedAt","financialStatus",
       "paymentCaptured","cancelRequested","erpSalesOrderId","erpInvoiceId","version","attempts","createdAt","updatedAt")
     SELECT 'o-' || i, ${key}, 'shopify', 'bench.myshopify.com:' || i, 'COMPLETED', replace($1, '__N__', i::text), ${at}, 'paid',
       true, false, 'SO-' || i, 'INV-' || i, 1, 0, ${at}, ${at}
     FROM generate_series(1, $2::int) AS i`,
    [template, n],
  );
  await erp.query(
    `INSERT INTO "erp_sales_orders" ("id","externalReference","customerId","currency","state","totalMinor","lines","taxesIncluded",
       "taxMinor","discountMinor","locationId","createdAt")
     SELECT 'SO-' || i, ${key}, 'C-1', 'USD', 'done', $1, '[]', false, $2, $3, 'WH-1', ${at}
     FROM generate_series(1, $4::int) AS i`,
    [total, posting.taxMinor, posting.discountMinor, n],
  );
  await erp.query(
    `INSERT INTO "erp_invoices" ("id","salesOrderId","documentKey","kind","state","totalMinor","paidMinor","taxMinor","discountMinor",
       "currency","createdAt")
     SELECT 'INV-' || i, 'SO-' || i, 'invoice:SO-' || i, 'invoice', 'paid', $1 - CASE WHEN i % $5 = 0 THEN 1 ELSE 0 END, $1, $2, $3, 'USD', ${at}
     FROM generate_series(1, $4::int) AS i`,
    [total, posting.taxMinor, posting.discountMinor, n, faultEvery],
  );
  await erp.query(
    `INSERT INTO "erp_payments" ("paymentKey","invoiceId","amountMinor","createdAt")
     SELECT ${key} || ':payment', 'INV-' || i, $1, ${at} FROM generate_series(1, $2::int) AS i`,
    [total, n],
  );
  for (const [db, tables] of [
    [weft, ['orders']],
    [erp, ['erp_sales_orders', 'erp_invoices', 'erp_payments']],
  ] as const) {
    for (const t of tables) await db.query(`ANALYZE "${t}"`);
  }
}

/** The plans of one page's queries, as the run issues them, in the middle of the window. */
async function explain(weft: DataSource, erp: DataSource, pageSize: number): Promise<void> {
  const [mid] = (await weft.query(`SELECT "createdAt", "id" FROM "orders" ORDER BY "createdAt", "id" OFFSET $1 LIMIT 1`, [50_000])) as {
    createdAt: string;
    id: string;
  }[];
  const plans: [string, DataSource, string, unknown[]][] = [
    [
      'orders keyset page',
      weft,
      `SELECT * FROM "orders" x WHERE x."createdAt" >= $1 AND x."createdAt" < $2 AND (x."createdAt", x."id") > ($3, $4)
       ORDER BY x."createdAt" ASC, x."id" ASC LIMIT ${pageSize}`,
      [WINDOW.from, WINDOW.to, mid.createdAt, mid.id],
    ],
    [
      'ERP sales orders by reference',
      erp,
      `SELECT * FROM "erp_sales_orders" WHERE "externalReference" = ANY($1)`,
      [Array.from({ length: pageSize }, (_, i) => `shopify:bench.myshopify.com:${50_000 + i}`)],
    ],
    [
      'ERP invoices of the page',
      erp,
      `SELECT * FROM "erp_invoices" WHERE "salesOrderId" = ANY($1) ORDER BY "createdAt", "id"`,
      [Array.from({ length: pageSize }, (_, i) => `SO-${50_000 + i}`)],
    ],
    [
      'ERP payments of the page',
      erp,
      `SELECT * FROM "erp_payments" WHERE "invoiceId" = ANY($1)`,
      [Array.from({ length: pageSize }, (_, i) => `INV-${50_000 + i}`)],
    ],
  ];
  for (const [name, db, sql, params] of plans) {
    const rows = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)) as { 'QUERY PLAN': string }[];
    // Index conditions list the page's 500 keys: cut, the plan's shape is what matters.
    process.stderr.write(`\n-- ${name}\n${rows.map((r) => r['QUERY PLAN'].slice(0, 160)).join('\n')}\n`);
  }
}
