import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { ensureDevKeys } from '@weft/gateway';
import {
  devToken,
  freePort,
  paidShopifyOrder,
  postShopifyWebhook,
  REAL_INFRA,
  shopifyFixture,
  shopifyOrderKey,
  testEnv,
  waitFor,
} from '@weft/testing';

/**
 * One trace from a Shopify webhook to the ERP call. The OpenTelemetry SDK is process-wide (one
 * resource, one service.name), so the three apps run here as three child processes, as `npm start`
 * runs them, each exporting OTLP/HTTP JSON to a receiver in this test.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string }[] }[];
  }[];
}

function otlpReceiver(spans: ReceivedSpan[], contentTypes: Set<string>): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.add(String(req.headers['content-type']));
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) spans.push({ service, ...s });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
}

describe('one trace from a Shopify webhook to the ERP', () => {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const logs: Record<string, string[]> = { 'experience-api': [], 'process-api': [], 'system-api': [] };
  const children: ChildProcess[] = [];
  let receiver: Server;
  let env: Record<string, string>;
  let experience: string;

  beforeAll(async () => {
    receiver = otlpReceiver(spans, contentTypes);
    const otlpPort = await freePort();
    await new Promise<void>((r) => receiver.listen(otlpPort, '127.0.0.1', r));
    const [sp, pp, ep] = await Promise.all([freePort(), freePort(), freePort()]);
    experience = `http://127.0.0.1:${ep}`;
    env = testEnv({
      LOG_LEVEL: 'info',
      SYSTEM_API_PORT: String(sp),
      PROCESS_API_PORT: String(pp),
      EXPERIENCE_API_PORT: String(ep),
      SYSTEM_API_URL: `http://127.0.0.1:${sp}`,
      PROCESS_API_URL: `http://127.0.0.1:${pp}`,
      WORKFLOW_POLL_MS: '50',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    ensureDevKeys(env.DEV_KEYS_DIR);
    const root = join(__dirname, '..');
    const apps = [
      ['system-api', sp],
      ['process-api', pp],
      ['experience-api', ep],
    ] as const;
    for (const [name] of apps) {
      const child = spawn(process.execPath, ['-r', join(root, 'test/support/ts-register.js'), join(root, `apps/${name}/src/main.ts`)], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => logs[name].push(...d.toString().split('\n').filter(Boolean)));
      child.stderr!.on('data', (d: Buffer) => logs[name].push(...d.toString().split('\n').filter(Boolean)));
      children.push(child);
    }
    // Started together (each retries the layer below until it answers); compiling on a busy machine takes a while.
    for (const [name, port] of apps) {
      const ready = await waitFor(
        `${name} ready`,
        () =>
          fetch(`http://127.0.0.1:${port}/health/ready`)
            .then((r) => r.ok)
            .catch(() => false),
        (ok) => ok || children.some((c) => c.exitCode !== null),
        180_000,
      ).catch(() => false);
      if (!ready) {
        // Say which app stopped, with its own output, rather than the one being waited for.
        const stopped = apps.flatMap(([n], i) => (children[i].exitCode !== null ? [{ n, code: children[i].exitCode }] : []));
        const which = stopped[0]?.n ?? name;
        const exited = stopped.map((x) => `${x.n} exited ${x.code}`);
        throw new Error(
          `${name} did not become ready (${exited.join(', ') || 'none exited'}); ${which}:\n${logs[which].slice(-25).join('\n')}`,
        );
      }
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(undefined) : (c.once('exit', r), c.kill('SIGTERM'))))),
    );
    await new Promise((r) => receiver.close(r));
  });

  it('shares one trace id across experience-api, process-api and system-api, down to the ERP call, and logs it', async () => {
    const id = '820982911946158001';
    const res = await postShopifyWebhook(experience, 'orders/create', paidShopifyOrder(shopifyFixture('orders-create.json'), id), {
      eventId: 'evt-trace-1',
    });
    expect(res.status).toBe(200);
    const token = await devToken(env, { sub: 'ops', scope: 'orders:read orders:read:all' });
    await waitFor(
      'ACCEPTED_BY_ERP',
      async () => {
        const r = await fetch(`${experience}/v1/orders?source=shopify&externalId=${shopifyOrderKey(id)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await r.json()) as { state: string }[])[0]?.state;
      },
      (s) => s === 'ACCEPTED_BY_ERP',
      90_000,
    );

    const webhook = await waitFor(
      'the webhook server span',
      async () => spans.find((s) => s.service === 'experience-api' && s.name.startsWith('POST') && s.name.includes('webhooks/shopify')),
      (s) => !!s,
    );
    const traceId = webhook!.traceId;
    // Each service exports its spans in its own batches, so the ERP's span can arrive before the edge's
    // relay span: wait until every hop the assertions name has arrived (or time out and fail).
    const hops = [
      'experience-api: publish weft.channel.shopify-webhook.v1',
      'process-api: workflow.step validate',
      'process-api: workflow.step submit-to-erp',
      'system-api: erp createSalesOrder',
      'process-api: process weft.order.created.v1',
    ];
    const inTrace = await waitFor(
      'every hop of the order in the same trace',
      async () => spans.filter((s) => s.traceId === traceId),
      (t) => hops.every((h) => t.some((s) => `${s.service}: ${s.name}` === h)),
      60_000,
    );
    const services = new Set(inTrace.map((s) => s.service));
    expect([...services].sort()).toEqual(['experience-api', 'process-api', 'system-api']);
    const names = inTrace.map((s) => `${s.service}: ${s.name}`);
    // webhook → outbox relay → process-api intake → workflow steps → system-api → ERP.
    expect(names).toEqual(
      expect.arrayContaining([
        'experience-api: publish weft.channel.shopify-webhook.v1',
        'process-api: workflow.step validate',
        'process-api: workflow.step submit-to-erp',
        'system-api: erp createSalesOrder',
      ]),
    );
    // The events process-api emits carry the trace on: consumers (NATS JetStream on real infra) continue it.
    expect(inTrace.some((s) => s.service === 'process-api' && s.name === 'process weft.order.created.v1')).toBe(true);
    // Every span of the trace hangs off another span of it, except the webhook's root (parents end, and
    // are exported, after their children: wait for them).
    const orphans = (): string[] => {
      const all = spans.filter((s) => s.traceId === traceId);
      const ids = new Set(all.map((s) => s.spanId));
      return all.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId)).map((s) => s.name);
    };
    expect(
      await waitFor(
        'every parent span',
        async () => orphans(),
        (o) => o.length === 1,
        20_000,
      ).catch(() => orphans()),
    ).toEqual([webhook!.name]);
    expect([...contentTypes]).toEqual(['application/json']);

    for (const service of Object.keys(logs)) {
      const lines = logs[service].filter((l) => l.includes(`"traceId":"${traceId}"`));
      expect({ service, lines: lines.length > 0 }).toEqual({ service, lines: true });
    }
    if (REAL_INFRA) expect(inTrace.some((s) => s.service === 'process-api' && /^(pg\.|SELECT|INSERT|UPDATE)/.test(s.name))).toBe(true);
  }, 240_000);
});
