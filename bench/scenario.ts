import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupReal } from './lib/infra';
import { REPO, round, snapshotDist } from './lib/procs';
import { summariseProfile } from './lib/profile';
import { printProfile, table } from './lib/report';
import { drainSeeded, SeededDrainResult } from './lib/seeded-drain';

const SCENARIOS = ['erp-bound', 'backlog-scaling'] as const;
type Scenario = (typeof SCENARIOS)[number];

const USAGE = `npm run bench -- --scenario erp-bound [--orders 1000] [--erp-latency-ms 25] [--erp-limit 5] [--workflow-concurrency 8]
npm run bench -- --scenario backlog-scaling [--backlogs 1000,10000,50000] [--sample 500] [--erp-latency-ms 0]
  common: [--infra embedded|real] [--drain-timeout 600] [--profile] [--log-level error]`;

interface ScenarioOptions {
  scenario: Scenario;
  infra: 'embedded' | 'real';
  orders: number;
  backlogs: number[];
  sample: number;
  erpLatencyMs: number;
  erpLimit: number;
  workflowConcurrency?: number;
  drainTimeout: number;
  profile: boolean;
  logLevel: string;
}

function parse(argv: string[]): ScenarioOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      infra: { type: 'string', default: 'embedded' },
      orders: { type: 'string', default: '1000' },
      backlogs: { type: 'string', default: '1000,10000,50000' },
      sample: { type: 'string', default: '500' },
      'erp-latency-ms': { type: 'string' },
      'erp-limit': { type: 'string', default: '5' },
      'workflow-concurrency': { type: 'string' },
      'drain-timeout': { type: 'string', default: '600' },
      profile: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'error' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const scenario = values.scenario as Scenario;
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}\n${USAGE}`);
  if (values.infra !== 'embedded' && values.infra !== 'real') throw new Error(`--infra must be embedded or real\n${USAGE}`);
  const num = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  // ERP-bound means the ERP's latency sets the pace; the scaling scenario measures Weft's own cost, so no latency.
  const latency = values['erp-latency-ms'] ?? (scenario === 'erp-bound' ? '25' : '0');
  return {
    scenario,
    infra: values.infra,
    orders: num('orders', values.orders, 1),
    backlogs: values.backlogs.split(',').map((b) => num('backlogs', b.trim(), 1)),
    sample: num('sample', values.sample, 1),
    erpLatencyMs: num('erp-latency-ms', latency, 0),
    erpLimit: num('erp-limit', values['erp-limit'], 1),
    workflowConcurrency: values['workflow-concurrency'] ? num('workflow-concurrency', values['workflow-concurrency'], 1) : undefined,
    drainTimeout: num('drain-timeout', values['drain-timeout'], 1),
    profile: values.profile,
    logLevel: values['log-level'],
  };
}

function printErp(r: SeededDrainResult, o: ScenarioOptions): void {
  table(
    `ERP (system-api /metrics, weft_outbound_call_in_flight_seconds{target="erp"}): limit ${o.erpLimit}, latency ${o.erpLatencyMs} ms`,
    ['', 'value'],
    [
      ['ERP calls', r.erp.calls],
      ['ERP calls per order', r.erp.callsPerOrder],
      ['mean slot time per call ms', r.erp.meanInFlightMs],
      ['ERP busy % (slot-seconds / limit × window)', r.erp.busyPct],
      ['ceiling orders/s = limit / (calls/order × latency)', r.erp.ceilingAtLatency],
      ['ceiling with the measured slot time', r.erp.ceilingMeasured],
    ],
  );
  table(
    '   per operation',
    ['operation', 'calls', 'mean ms'],
    Object.entries(r.erp.perOperation).map(([op, v]) => [op, v.calls, v.meanMs]),
  );
}

function printPlans(r: SeededDrainResult): void {
  for (const p of r.plans) {
    process.stdout.write(`\n${p.query} with ${r.backlog} orders of backlog\n  ${p.sql}\n`);
    for (const line of p.plan) process.stdout.write(`    ${line}\n`);
  }
  for (const p of r.plansAfter) {
    process.stdout.write(`\n${p.query}, EXPLAIN (ANALYZE, BUFFERS) after the sample of ${r.backlog}\n`);
    for (const line of p.plan) process.stdout.write(`    ${line}\n`);
  }
}

function drainRows(r: SeededDrainResult): (string | number)[][] {
  return [
    ['seeded in s', r.seedSeconds],
    ['backlog made due (one UPDATE, before the window) in s', r.releaseSeconds],
    [r.complete ? `${r.sample} ACCEPTED_BY_ERP after s` : `NOT drained; ${r.sample} not reached after s`, r.sampleSeconds],
    ['orders/s to ACCEPTED_BY_ERP', r.ordersPerSecond],
    ['wall ms per order', r.wallMsPerOrder],
    ['process-api CPU ms per order / busy %', `${r.processCpuMsPerOrder} / ${r.processCpuBusyPct}`],
    ['system-api CPU ms per order', r.systemCpuMsPerOrder],
    ['ACCEPTED_BY_ERP counted by process-api (weft_order_sync_duration_seconds_count)', r.acceptedPerMetrics],
    ['states after (all rows, template included)', JSON.stringify(r.finalStates)],
    ["the bench's polls of /metrics: n / ms total / ms mean", `${r.probe.count} / ${r.probe.msTotal} / ${r.probe.msMean}`],
    ...(r.tableStats ? [['orders table after (pg_stat_user_tables)', JSON.stringify(r.tableStats)] as (string | number)[]] : []),
  ];
}

/** `npm run bench -- --scenario …`: drains of a seeded backlog (issue 14), beside the default phases. */
export async function runScenario(argv: string[]): Promise<number> {
  const o = parse(argv);
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const runTag = randomBytes(3).toString('hex');
  const work = mkdtempSync(join(tmpdir(), 'weft-bench-'));
  const resultsDir = join(REPO, 'bench', 'results');
  const logDir = join(resultsDir, 'logs', `${stamp}-${o.scenario}-${o.infra}`);
  const profDir = o.profile ? join(resultsDir, 'profiles', `${stamp}-${o.scenario}-${o.infra}`) : undefined;
  mkdirSync(logDir, { recursive: true });
  if (profDir) mkdirSync(profDir, { recursive: true });
  await snapshotDist();
  const load = loadavg().map((l) => round(l, 2));
  process.stdout.write(
    `Weft bench scenario ${o.scenario} ${stamp} — infra ${o.infra}, load average ${load.join(' ')}; logs in ${logDir}\n`,
  );
  const common = {
    erpLatencyMs: o.erpLatencyMs,
    erpLimit: o.erpLimit,
    timeoutS: o.drainTimeout,
    infra: o.infra,
    runTag,
    logLevel: o.logLevel,
    work,
    logDir,
  };
  const runs: SeededDrainResult[] = [];
  try {
    if (o.scenario === 'erp-bound') {
      process.stdout.write(`\n[erp-bound] ${o.orders} seeded orders, ERP latency ${o.erpLatencyMs} ms, limit ${o.erpLimit}\n`);
      const r = await drainSeeded({ ...common, phase: 'erpbound', backlog: o.orders, sample: o.orders, profDir });
      runs.push(r);
      table(`Drain of ${o.orders} seeded orders to ACCEPTED_BY_ERP, ERP-bound`, ['', 'value'], drainRows(r));
      printErp(r, o);
      printPlans(r);
    } else {
      for (const backlog of o.backlogs) {
        const sample = Math.min(o.sample, backlog);
        process.stdout.write(`\n[backlog-scaling] backlog ${backlog}, timing the first ${sample}, ERP latency ${o.erpLatencyMs} ms\n`);
        const r = await drainSeeded({
          ...common,
          phase: `scaling${backlog}`,
          backlog,
          sample,
          profDir: profDir && join(profDir, String(backlog)),
        });
        runs.push(r);
        table(`Backlog ${backlog}: first ${sample} to ACCEPTED_BY_ERP`, ['', 'value'], drainRows(r));
        printPlans(r);
      }
      table(
        `Per-order drain cost against the backlog (sample of ${o.sample})`,
        ['backlog', 'orders/s', 'wall ms/order', 'process-api CPU ms/order', 'system-api CPU ms/order', 'ERP calls/order'],
        runs.map((r) => [
          r.backlog,
          r.ordersPerSecond,
          r.wallMsPerOrder,
          r.processCpuMsPerOrder,
          r.systemCpuMsPerOrder,
          r.erp.callsPerOrder,
        ]),
      );
    }
  } finally {
    if (o.infra === 'real') await cleanupReal(runTag).catch((e: unknown) => process.stderr.write(`cleanup failed: ${String(e)}\n`));
    rmSync(work, { recursive: true, force: true });
  }
  const profiles = profDir
    ? readdirSync(profDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => summariseProfile(join(profDir, f)))
    : [];
  profiles.forEach(printProfile);
  const file = join(resultsDir, `${stamp}-${o.scenario}-${o.infra}.json`);
  const result = {
    schema: 1,
    scenario: o.scenario,
    startedAt: started.toISOString(),
    options: o,
    loadAverageAtStart: load,
    loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
    runs,
    profiles,
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file} (${round((Date.now() - started.getTime()) / 1000, 0)} s)\n`);
  return 0;
}
