import { DEV_SHOPIFY_SECRET, freePort } from '@weft/testing';
import { OrderStateProbe } from './backlog';
import { cpuSecondsOf } from './cpu';
import { erpFigures, ErpFigures } from './erp-figures';
import { memoryOf, Memory, Proc, round, startApp } from './procs';
import { scrape, total } from './prom';
import { SeededBacklog } from './seeded-backlog';
import { ShopifyDeliveries } from './shopify';
import { stackEnv } from './stack-env';

export interface SeededDrainSpec {
  phase: string;
  /** Orders seeded as due work before the drain starts. */
  backlog: number;
  /** The drain is timed until this many of them reached ACCEPTED_BY_ERP. */
  sample: number;
  erpLatencyMs: number;
  erpLimit: number;
  /** process-api's WORKFLOW_CONCURRENCY (orders worked at once); the app's default when absent. */
  workflowConcurrency?: number;
  timeoutS: number;
  infra: 'embedded' | 'real';
  runTag: string;
  logLevel: string;
  work: string;
  logDir: string;
  profDir?: string;
}

export interface SeededDrainResult {
  backlog: number;
  sample: number;
  complete: boolean;
  seedSeconds: number;
  /** Release of the backlog until the sample's last order reached ACCEPTED_BY_ERP (its row's updatedAt). */
  sampleSeconds: number;
  ordersPerSecond: number;
  wallMsPerOrder: number;
  /** Over the measured window (release → last poll), per order accepted in it. */
  processCpuMsPerOrder: number;
  systemCpuMsPerOrder: number;
  processCpuBusyPct: number;
  /** The UPDATE that made the seeded backlog due, before the window. */
  releaseSeconds: number;
  /** The bench's own polls of process-api's /metrics during the sample. */
  probe: { count: number; msTotal: number; msMean: number };
  /** pg_stat_user_tables for the orders table after the sample (PostgreSQL only). */
  tableStats?: Record<string, number>;
  /** EXPLAIN (ANALYZE, BUFFERS) of the claims right after the sample (PostgreSQL only). */
  plansAfter: { query: string; sql: string; plan: string[] }[];
  /** ACCEPTED_BY_ERP transitions process-api itself counted (weft_order_sync_duration_seconds_count). */
  acceptedPerMetrics: number;
  erp: ErpFigures;
  finalStates: Record<string, number>;
  plans: { query: string; sql: string; plan: string[] }[];
  memory: Record<string, Memory>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One drain of a seeded backlog: the three apps start, one real Shopify webhook goes through the whole
 * stack to give the template order, process-api stops while `backlog` copies are written into its
 * database, restarts, and the copies are made due in one statement. From there the runner drains them
 * as it would a backlog left by an outage; the ERP and CPU figures are read from the apps themselves.
 */
export async function drainSeeded(s: SeededDrainSpec): Promise<SeededDrainResult> {
  const env = stackEnv({
    work: s.work,
    phase: s.phase,
    infra: s.infra,
    runTag: s.runTag,
    logLevel: s.logLevel,
    extra: {
      ERP_LATENCY_MS: String(s.erpLatencyMs),
      ERP_CONCURRENCY_LIMIT: String(s.erpLimit),
      ...(s.workflowConcurrency ? { WORKFLOW_CONCURRENCY: String(s.workflowConcurrency) } : {}),
    },
  });
  const [sp, pp, ep] = [await freePort(), await freePort(), await freePort()];
  Object.assign(env, { SYSTEM_API_URL: `http://127.0.0.1:${sp}`, PROCESS_API_URL: `http://127.0.0.1:${pp}` });
  const procs: Proc[] = [];
  try {
    const system = await startApp('system-api', env, sp, s.logDir, s.profDir, s.phase);
    procs.push(system);
    let proc = await startApp('process-api', env, pp, s.logDir, undefined, s.phase);
    procs.push(proc);
    const exp = await startApp('experience-api', env, ep, s.logDir, undefined, s.phase);
    procs.push(exp);

    const deliveries = new ShopifyDeliveries(s.runTag, DEV_SHOPIFY_SECRET, 2);
    const d = deliveries.next();
    const r = await fetch(`${exp.url}/v1/webhooks/shopify`, { method: 'POST', headers: d.headers, body: d.body });
    if (!r.ok) throw new Error(`template webhook: ${r.status} ${await r.text()}`);
    const probe = await OrderStateProbe.open(env);
    try {
      for (let i = 0; (await probe.counts()).accepted < 1; i++) {
        if (i > 600) throw new Error('the template order did not reach ACCEPTED_BY_ERP in 60 s');
        await sleep(100);
      }
    } finally {
      await probe.close();
    }
    await proc.stop();
    procs.splice(procs.indexOf(proc), 1);

    const db = await SeededBacklog.open(env);
    try {
      const seedStart = Date.now();
      const template = await db.template();
      const seeded = await db.seed(s.backlog, template.id, deliveries.orderId(0));
      if (seeded !== s.backlog) throw new Error(`seeded ${seeded} orders, wanted ${s.backlog}`);
      const seedSeconds = (Date.now() - seedStart) / 1000;
      proc = await startApp('process-api', env, pp, s.logDir, s.profDir, s.phase);
      procs.push(proc);
      await sleep(1000);
      const plans = await db.explainClaims();

      const [sysBefore, procBefore] = [await scrape(system.url), await scrape(proc.url)];
      const cpu0 = { proc: cpuSecondsOf(proc.pid), sys: cpuSecondsOf(system.pid) };
      // The window starts once the backlog is due: the bench's one UPDATE that makes it so (seconds at 50,000
      // rows, a new version of each) is not the drain's work, and no order can be claimed before it commits.
      const r0 = Date.now();
      await db.release();
      const releaseSeconds = (Date.now() - r0) / 1000;
      const t0 = Date.now();
      // The template order is the first accepted row; the seeded ones come after it.
      let accepted = 0;
      // The poll reads process-api's own counter of orders accepted by the ERP, once a second. A COUNT over the
      // orders table every 250 ms was a sequential scan: 45 ms a poll at 50,000 orders, 14 % of a core taken
      // from the drain it timed. A scrape still runs the KPI gauges' one GROUP BY over the table.
      const synced = (x: Map<string, number>): number => total(x, 'weft_order_sync_duration_seconds_count');
      const syncedBefore = synced(procBefore);
      let probeMs = 0;
      let probes = 0;
      while (accepted < s.sample && Date.now() - t0 < s.timeoutS * 1000) {
        await sleep(1000);
        const p0 = Date.now();
        accepted = synced(await scrape(proc.url)) - syncedBefore;
        probeMs += Date.now() - p0;
        probes++;
      }
      accepted = (await db.accepted()) - 1;
      const tPoll = Date.now();
      const cpu1 = { proc: cpuSecondsOf(proc.pid), sys: cpuSecondsOf(system.pid) };
      const [sysAfter, procAfter] = [await scrape(system.url), await scrape(proc.url)];
      const complete = accepted >= s.sample;
      const end = complete ? await db.acceptedAt(s.sample + 1) : tPoll;
      const sampleSeconds = (end - t0) / 1000;
      // Figures over the whole window need the orders of the whole window: all of them when it drained completely.
      const drainedAll = accepted >= s.backlog;
      const window = drainedAll ? { seconds: sampleSeconds, orders: s.backlog } : { seconds: (tPoll - t0) / 1000, orders: accepted };
      const pollSeconds = (tPoll - t0) / 1000;
      const memory = Object.fromEntries(procs.map((p) => [p.name, memoryOf(p.pid)]));
      return {
        backlog: s.backlog,
        sample: s.sample,
        complete,
        seedSeconds: round(seedSeconds, 1),
        releaseSeconds: round(releaseSeconds, 2),
        sampleSeconds: round(sampleSeconds, 2),
        ordersPerSecond: round((complete ? s.sample : accepted) / sampleSeconds, 1),
        wallMsPerOrder: round((sampleSeconds * 1000) / (complete ? s.sample : Math.max(accepted, 1)), 2),
        processCpuMsPerOrder: round(((cpu1.proc - cpu0.proc) * 1000) / Math.max(accepted, 1), 2),
        systemCpuMsPerOrder: round(((cpu1.sys - cpu0.sys) * 1000) / Math.max(accepted, 1), 2),
        processCpuBusyPct: round(((cpu1.proc - cpu0.proc) / pollSeconds) * 100, 1),
        acceptedPerMetrics: synced(procAfter) - syncedBefore,
        erp: erpFigures(sysBefore, sysAfter, { ...window, limit: s.erpLimit, latencyMs: s.erpLatencyMs }),
        probe: { count: probes, msTotal: probeMs, msMean: round(probeMs / Math.max(1, probes), 1) },
        tableStats: await db.tableStats(),
        plansAfter: db.isPostgres ? await db.explainClaims(true) : [],
        finalStates: await db.states(),
        plans,
        memory,
      };
    } finally {
      await db.close();
    }
  } finally {
    for (const p of procs.reverse()) await p.stop();
  }
}
