import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { devToken, freePort, testIdpEnv } from '@weft/testing';
import { orderKeyFromIdempotencyKey } from '../apps/experience-api/src/orders/orders.service';
import { generateServiceKey } from '../tools/service-key';
import { FaultClock, faultPlan, faultSpan, FaultRecord } from './faults';
import { OwnNats, OwnPostgres, OwnRedis } from './infra';
import { runLoad, webhookDeliveries, shuffle } from './load';
import { RoundRobin } from './proxy';
import { AppName, ExitRecord, Replica } from './replicas';
import { countAnswers, faultOutcomes, printReport, Sample } from './report';
import { Backlog, Ledger, verify } from './verify';

const REPO = resolve(__dirname, '..');
const SHOP = 'weft-dev.myshopify.com';
const STOREFRONT_CLIENT = 'chaos-shop';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const log = (s: string): void => void process.stdout.write(`${s}\n`);

const USAGE = `npm run chaos -- [--orders 2000] [--duplicates 0.2] [--storefront 200] [--erp-down-seconds 60] [--fault-gap 15]
                    [--concurrency 16] [--drain-timeout 300] [--log-level warn] [--keep]`;

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '2000' },
      duplicates: { type: 'string', default: '0.2' },
      storefront: { type: 'string', default: '200' },
      'erp-down-seconds': { type: 'string', default: '60' },
      'fault-gap': { type: 'string', default: '15' },
      concurrency: { type: 'string', default: '16' },
      'drain-timeout': { type: 'string', default: '300' },
      'log-level': { type: 'string', default: 'warn' },
      results: { type: 'string', default: join(REPO, 'chaos', 'results', 'latest.json') },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(USAGE);
    process.exit(0);
  }
  const num = (name: keyof typeof values, min: number, max = Infinity): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number in [${min}, ${max}]\n${USAGE}`);
    return n;
  };
  return {
    orders: Math.round(num('orders', 1)),
    duplicates: num('duplicates', 0, 1),
    storefront: Math.round(num('storefront', 0)),
    erpDownSeconds: num('erp-down-seconds', 1),
    faultGap: num('fault-gap', 3),
    concurrency: Math.round(num('concurrency', 1)),
    drainTimeout: num('drain-timeout', 10),
    logLevel: values['log-level'],
    results: values.results,
    keep: values.keep,
  };
}

function machine(): Record<string, unknown> {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** The demo catalog with stock no burst can exhaust: the suite tests faults, not backorders. */
function catalogFile(dir: string): string {
  const items = JSON.parse(readFileSync(join(REPO, 'config', 'demo-catalog.json'), 'utf8')) as { quantity: number }[];
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(items.map((i) => ({ ...i, quantity: 100_000_000 }))));
  return file;
}

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  const started = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'weft-chaos-'));
  const logDir = join(dir, 'logs');
  mkdirSync(logDir);
  const [pgPort, redisPort, natsPort] = [await freePort(), await freePort(), await freePort()];
  const postgres = new OwnPostgres(pgPort, dir);
  const redis = new OwnRedis(redisPort, dir);
  const nats = new OwnNats(natsPort, dir);
  const exits: ExitRecord[] = [];
  const replicas: Replica[] = [];
  const proxies: RoundRobin[] = [];
  let ledger: Ledger | undefined;
  let passed = false;
  log(
    `Weft chaos suite — ${o.orders} webhook orders (+${Math.round(o.duplicates * 100)} % duplicates), ${o.storefront} storefront orders; work dir ${dir}`,
  );

  const cleanUp = async (): Promise<void> => {
    await ledger?.close().catch(() => undefined);
    await Promise.all(replicas.map((r) => r.stop().catch(() => undefined)));
    await Promise.all(proxies.map((p) => p.stop()));
    await Promise.all([redis.stop(), nats.stop()]);
    postgres.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping the suite's processes and servers; ${dir} is kept`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    log('starting PostgreSQL, Redis and NATS of the suite’s own');
    await postgres.start();
    await Promise.all([redis.start(), nats.start()]);

    // Production's configuration: separate keys per layer, the IdP's key apart, a real webhook secret.
    const keys = {
      edge: generateServiceKey('chaos-edge'),
      process: generateServiceKey('chaos-process'),
      system: generateServiceKey('chaos-system'),
    };
    const webhookSecret = randomBytes(24).toString('hex');
    const ports: Record<AppName, number[]> = {
      'system-api': [await freePort(), await freePort()],
      'process-api': [await freePort(), await freePort()],
      'experience-api': [await freePort(), await freePort()],
    };
    const lb = {
      system: new RoundRobin('system-api', await freePort(), () => ports['system-api']),
      process: new RoundRobin('process-api', await freePort(), () => ports['process-api']),
      edge: new RoundRobin('experience-api', await freePort(), () => ports['experience-api']),
    };
    proxies.push(lb.system, lb.process, lb.edge);
    await Promise.all(proxies.map((p) => p.start()));
    const common: Record<string, string> = {
      NODE_ENV: 'production',
      WEFT_ALLOW_REFERENCE_ADAPTERS: 'true',
      LOG_LEVEL: o.logLevel,
      HOST: '127.0.0.1',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      NATS_URL: nats.url,
      DATABASE_SCHEMA_PREFIX: 'chaos',
      NATS_PREFIX: 'chaos',
      REDIS_KEY_PREFIX: 'chaos:',
      WEFT_DATA_DIR: join(dir, 'data'),
      DEV_KEYS_DIR: join(dir, 'no-dev-keys'),
      WEFT_CATALOG_FILE: catalogFile(dir),
      SYSTEM_API_URL: lb.system.url,
      PROCESS_API_URL: lb.process.url,
      SERVICE_JWT_PUBLIC_KEYS: [keys.edge, keys.process, keys.system].map((k) => k.publicKeyPem.trim()).join('\n'),
      // The suite measures faults, not the edge's client limits.
      THROTTLE_WEBHOOKS_LIMIT: '1000000000',
      THROTTLE_WRITES_LIMIT: '1000000000',
      THROTTLE_READS_LIMIT: '1000000000',
      ...testIdpEnv(),
    };
    const envFor: Record<AppName, Record<string, string>> = {
      'system-api': { ...common, SERVICE_JWT_PRIVATE_KEY: keys.system.privateKeyPem, SERVICE_JWT_KID: keys.system.kid },
      'process-api': { ...common, SERVICE_JWT_PRIVATE_KEY: keys.process.privateKeyPem, SERVICE_JWT_KID: keys.process.kid },
      'experience-api': {
        ...common,
        SERVICE_JWT_PRIVATE_KEY: keys.edge.privateKeyPem,
        SERVICE_JWT_KID: keys.edge.kid,
        SHOPIFY_WEBHOOK_SECRET: webhookSecret,
        SHOPIFY_SHOP_DOMAIN: SHOP,
      },
    };
    const byApp: Record<AppName, Replica[]> = { 'system-api': [], 'process-api': [], 'experience-api': [] };
    for (const app of ['system-api', 'process-api', 'experience-api'] as AppName[]) {
      byApp[app] = ports[app].map((port, i) => new Replica(app, `${app}-${i + 1}`, port, envFor[app], REPO, logDir, exits));
      replicas.push(...byApp[app]);
      // Both replicas start together: migrations run once, under the advisory lock.
      await Promise.all(byApp[app].map((r) => r.start()));
      log(
        `  ${app}: 2 replicas ready (:${ports[app].join(', :')}) behind ${app === 'experience-api' ? lb.edge.url : app === 'process-api' ? lb.process.url : lb.system.url}`,
      );
    }

    ledger = new Ledger(postgres.url, 'chaos');
    const token = await devToken(common, {
      sub: STOREFRONT_CLIENT,
      scope: 'orders:read orders:write',
      claims: { channel: STOREFRONT_CLIENT },
      expiresIn: '4h',
    });
    const deliveries = webhookDeliveries(o.orders, o.duplicates, webhookSecret, SHOP);
    const storefrontKeys = Array.from({ length: o.storefront }, (_, i) => `chaos-checkout-${i}`);
    const storefrontRetried = new Set(shuffle([...storefrontKeys]).slice(0, Math.round(o.storefront * 0.25)));
    const burstSeconds = faultSpan(o.faultGap, o.erpDownSeconds);
    log(
      `burst: ${deliveries.length} webhooks and ${o.storefront + storefrontRetried.size} storefront POSTs over ${burstSeconds} s, ${o.concurrency} in flight; faults every ${o.faultGap} s`,
    );

    const t0 = Date.now();
    const samples: Sample[] = [];
    let sampling = true;
    let last: Backlog | undefined;
    const sampler = (async () => {
      while (sampling) {
        try {
          last = await ledger!.backlog();
          const outbox = Object.values(last.outbox).reduce((a, b) => a + b, 0);
          samples.push({
            t: Math.round((Date.now() - t0) / 100) / 10,
            orders: last.orders,
            accepted: last.accepted,
            waitingForErp: last.byState.WAITING_FOR_ERP ?? 0,
            failed: last.failed,
            outbox,
          });
        } catch {
          // PostgreSQL is restarting: the next sample will see it
        }
        await sleep(1000);
      }
    })();
    // Only bounds the run: the fault clock may stretch the burst well past its plan on a loaded machine.
    const giveUpAt = t0 + (3 * burstSeconds + o.drainTimeout) * 1000;
    const steps = faultPlan(
      { processApi: byApp['process-api'], systemApi: byApp['system-api'], postgres, redis, nats },
      o.faultGap,
      o.erpDownSeconds,
    );
    const clock = new FaultClock(steps, t0);
    const loadRun = runLoad(
      {
        edgeUrl: lb.edge.url,
        deliveries,
        storefrontKeys,
        storefrontRetried,
        storefrontToken: async () => token,
        burstSeconds,
        until: (p) => clock.until(p),
        concurrency: o.concurrency,
        giveUpAt,
      },
      t0,
    );
    const faults: FaultRecord[] = await clock.run(log);
    const lastFaultMs = Math.max(...faults.map((f) => f.recoveredMs));
    const load = await loadRun;
    const burstEndMs = Date.now() - t0;
    log(`  t=${Math.round(burstEndMs / 1000)} s  burst sent; waiting for the backlog to drain (at most ${o.drainTimeout} s)`);

    // Drained: every order sent is in Weft and accepted by the ERP, and no outbox holds anything.
    const unique = new Set(deliveries.map((d) => d.orderId)).size;
    const placedKeys = new Set(load.storefront.filter((a) => a.orderId).map((a) => a.key)).size;
    let drainedMs: number | undefined;
    const drainUntil = Date.now() + o.drainTimeout * 1000;
    let lastPrint = 0;
    while (Date.now() < drainUntil) {
      const b = await ledger.backlog().catch(() => undefined);
      if (b) {
        last = b;
        const outbox = Object.values(b.outbox).reduce((a, x) => a + x, 0);
        if (b.accepted >= unique + placedKeys && b.accepted === b.orders && outbox === 0) {
          drainedMs = Date.now() - t0;
          break;
        }
        if (Date.now() - lastPrint > 10_000) {
          lastPrint = Date.now();
          log(
            `  t=${Math.round((Date.now() - t0) / 1000)} s  orders ${b.orders}, accepted ${b.accepted}/${unique + placedKeys}, ${JSON.stringify(b.byState)}, outbox ${outbox}`,
          );
        }
      }
      await sleep(1000);
    }
    sampling = false;
    await sampler;

    const storefront = new Map<string, Set<string>>(storefrontKeys.map((k) => [k, new Set<string>()]));
    for (const a of load.storefront) if (a.orderId) storefront.get(a.key)!.add(a.orderId);
    const webhookCounts = countAnswers(load.answers.filter((a) => a.kind === 'webhook'));
    const storefrontCounts = countAnswers(load.answers.filter((a) => a.kind === 'storefront'));
    const verdict = await verify(ledger, {
      shop: SHOP,
      webhookOrderIds: [...new Set(deliveries.map((d) => d.orderId))],
      storefront,
      storefrontExternalId: (key) => `${STOREFRONT_CLIENT}:${orderKeyFromIdempotencyKey(STOREFRONT_CLIENT, key)}`,
      webhook5xx: webhookCounts.s5xx,
    });
    verdict.checks.unshift({
      name: `drained within ${o.drainTimeout} s of the burst`,
      ok: drainedMs !== undefined,
      detail:
        drainedMs !== undefined
          ? `at t=${Math.round(drainedMs / 1000)} s`
          : `not drained: ${JSON.stringify(last?.byState)} outbox ${JSON.stringify(last?.outbox)}`,
    });
    verdict.checks.push({
      name: 'every webhook delivered (a 2xx before the sender gave up)',
      ok: load.undelivered.length === 0,
      detail: load.undelivered.length
        ? `${load.undelivered.length}: ${load.undelivered
            .slice(0, 5)
            .map((d) => d.orderId)
            .join(', ')}`
        : 'ok',
    });
    const deadLetterSamples = await ledger.deadLetterSamples();
    const deadLettered = Object.values(last?.deadLetters ?? {}).reduce((a, b) => a + b, 0);
    // An outage is transient: an event dead-lettered by it needs an operator, which is what waiting states avoid.
    verdict.checks.push({
      name: 'no event dead-lettered',
      ok: deadLettered === 0,
      detail: deadLettered
        ? `${deadLettered} ${JSON.stringify(last?.deadLetters)}; e.g. ${deadLetterSamples
            .slice(0, 2)
            .map((d) => `${d.app}/${d.consumer} ${d.type}: ${d.error}`)
            .join(' | ')}`
        : 'ok',
    });
    const outcomes = faultOutcomes(faults, load.answers, samples, burstEndMs);
    const drainAfterLastFault = drainedMs !== undefined ? Math.round((drainedMs - lastFaultMs) / 100) / 10 : null;
    const totals: [string, string | number][] = [
      ['webhook deliveries sent (unique orders + duplicates)', `${deliveries.length} (${unique} + ${deliveries.length - unique})`],
      [
        'webhook answers',
        `${webhookCounts.total}: ${webhookCounts.ok2xx} 2xx, ${webhookCounts.s4xx} 4xx, ${webhookCounts.s5xx} 5xx, ${webhookCounts.networkErrors} no answer`,
      ],
      ['storefront keys / POSTs', `${o.storefront} keys (${storefrontRetried.size} posted twice) / ${storefrontCounts.total} POSTs`],
      [
        'storefront answers',
        `${storefrontCounts.ok2xx} 2xx, ${storefrontCounts.s4xx} 4xx, ${storefrontCounts.s5xx} 5xx (${storefrontCounts.s503} 503), ${storefrontCounts.networkErrors} no answer`,
      ],
      ['storefront keys placed (got a 201)', `${placedKeys} of ${o.storefront}`],
      ['Weft orders / ERP sales orders', `${verdict.figures.weftOrders} / ${verdict.figures.erpSalesOrders}`],
      ['final states', JSON.stringify(last?.byState ?? {})],
      ['dead letters (not replayed)', JSON.stringify(last?.deadLetters ?? {})],
      ['last fault recovered at / burst sent at', `t=${Math.round(lastFaultMs / 1000)} s / t=${Math.round(burstEndMs / 1000)} s`],
      ['time to drain after the last fault', drainAfterLastFault === null ? 'not drained' : `${drainAfterLastFault} s`],
      ['replica exits on their own', exits.filter((e) => !e.expected).length],
    ];
    printReport({ faults: outcomes, checks: verdict.checks, totals, exits });
    const ok = verdict.checks.every((c) => c.ok);
    passed = ok;
    const result = {
      schema: 1,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      ok,
      profile: { ...o, burstSeconds, results: undefined },
      machine: machine(),
      topology:
        'own PostgreSQL 15 (initdb), Redis, NATS JetStream; 2 replicas of each app from dist/ (NODE_ENV=production, reference ERP allowed), each layer behind a round-robin TCP balancer',
      webhooks: {
        sent: deliveries.length,
        unique,
        duplicates: deliveries.length - unique,
        answers: webhookCounts,
        undelivered: load.undelivered.length,
      },
      storefront: { keys: o.storefront, postedTwice: storefrontRetried.size, placed: placedKeys, answers: storefrontCounts },
      faults: outcomes,
      lastFaultRecoveredSeconds: Math.round(lastFaultMs / 100) / 10,
      burstSentSeconds: Math.round(burstEndMs / 100) / 10,
      drainedSeconds: drainedMs !== undefined ? Math.round(drainedMs / 100) / 10 : null,
      drainAfterLastFaultSeconds: drainAfterLastFault,
      finalStates: last?.byState ?? {},
      deadLetters: last?.deadLetters ?? {},
      deadLetterSamples,
      figures: verdict.figures,
      checks: verdict.checks,
      exits,
      backlog: samples,
    };
    mkdirSync(resolve(o.results, '..'), { recursive: true });
    writeFileSync(o.results, `${JSON.stringify(result, null, 2)}\n`);
    log(
      `\n${ok ? 'PASS' : 'FAIL'}: ${verdict.checks.filter((c) => !c.ok).length} of ${verdict.checks.length} assertions failed; wrote ${o.results}`,
    );
    log(`logs: ${logDir}${o.keep || !ok ? '' : ' (removed; --keep keeps them)'}`);
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
    // Kept when a check failed, for the logs and the database; otherwise removed unless --keep.
    if (passed && !o.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  },
);
