import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import type { CloudEvent } from '@weft/events';
import { EVENT_BUS, EventBus } from '@weft/messaging';
import { paidShopifyOrder, postShopifyWebhook, shopifyFixture, startStack, Stack, waitFor } from '@weft/testing';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { OPS_UI_CSP } from '../../apps/experience-api/src/ops-ui/ops-ui.routes';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = process.env.WEFT_TEST_OUTPUT ?? join(ROOT, 'test-output');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A consumer whose downstream is broken: it fails on the first event it sees (so that event is
 * dead-lettered after its deliveries) until it is mended, then handles the replay.
 */
class BrokenConsumer {
  poison: string | undefined;
  mended = false;
  readonly handled: string[] = [];

  async handle(event: CloudEvent): Promise<void> {
    this.poison ??= event.id;
    if (event.id === this.poison && !this.mended) throw new Error('downstream rejected the event (test consumer is broken)');
    this.handled.push(event.id);
  }
}

/** The operations dashboard at /ops, in headless Chromium against the running stack. */
describe('operations dashboard (/ops) in headless Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let uiDir: string;
  const consumer = new BrokenConsumer();
  const pageErrors: string[] = [];
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    }
    // The same bundler npm run build uses, into a folder of this suite's own.
    mkdirSync(OUTPUT, { recursive: true });
    uiDir = mkdtempSync(join(tmpdir(), 'weft-ops-ui-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-ops-ui.mjs'), uiDir], { stdio: 'pipe' });
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { OPS_UI_DIR: uiDir, WORKFLOW_POLL_MS: '50', EVENT_MAX_DELIVERIES: '2' },
    );
    const bus = stack.apps[1].get<EventBus>(EVENT_BUS);
    await bus.subscribe({ consumer: 'ops-dashboard-probe', types: '*', handler: (e) => consumer.handle(e) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(stack.urls.experience) && outsideRequests.push(r.url()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  });

  it('serves the page publicly under a strict CSP, and the data only to an operator token', async () => {
    const res = await fetch(`${stack.urls.experience}/ops`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(OPS_UI_CSP);
    expect(await res.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    expect((await fetch(`${stack.urls.experience}/ops/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${stack.urls.experience}/ops/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${stack.urls.experience}/v1/ops/summary`)).status).toBe(401);
    const shop = await stack.token({ sub: 'a-shop', scope: 'orders:read' });
    expect((await fetch(`${stack.urls.experience}/v1/ops/summary`, { headers: { authorization: `Bearer ${shop}` } })).status).toBe(403);
  });

  it('shows an order reach ACCEPTED_BY_ERP live, then a dead letter that a replay resolves', async () => {
    const token = await stack.token({ sub: 'carol@ops', scope: 'ops:read ops:write' });
    await page.goto(`${stack.urls.experience}/ops`, { waitUntil: 'load' });
    await page.fill('input[name=token]', token);
    await page.click('button[type=submit]');
    await page.locator('[data-status]').filter({ hasText: 'live' }).waitFor();

    const externalId = '5550001';
    const res = await postShopifyWebhook(
      stack.urls.experience,
      'orders/create',
      paidShopifyOrder(shopifyFixture('orders-create.json'), externalId),
    );
    expect(res.status).toBeLessThan(300);

    // The order's own card, found by its Shopify id and refreshed by the poll, until the ERP accepts it.
    await page.fill('input[name=q]', externalId);
    await page.click('form.search button[type=submit]');
    const card = page.locator('article[data-order-state=ACCEPTED_BY_ERP]');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('[data-trace-id]').textContent()).toMatch(/^[0-9a-f]{32}$/);
    expect(await card.locator('.timeline').textContent()).toContain('ACCEPTED_BY_ERP');
    // The flow table counts it, and the latency tile has a figure.
    await page.locator('tr[data-state=ACCEPTED_BY_ERP] td[data-channel=shopify]', { hasText: '1' }).waitFor();
    expect(await page.locator('[data-kpi=sync-p50] .value').textContent()).not.toBe('–');

    // The broken consumer dead-lettered the first event it saw: it shows in the queue and in dead letters.
    const poison = await waitFor(
      'the poison event',
      async () => consumer.poison,
      (id) => id !== undefined,
    );
    const row = page.locator('tr[data-kind=dead-letter]');
    await row.waitFor({ timeout: 30_000 });
    const deadLetterId = (await row.getAttribute('data-exception'))!;
    await page.locator(`tr[data-dead-letter="${deadLetterId}"][data-status=pending]`).waitFor();
    await page.locator('[data-kpi=dead-letters] .value', { hasText: '1' }).waitFor();

    // Open it: the dead-lettered CloudEvent is the poison one.
    await row.getByRole('button', { name: 'Inspect' }).click();
    await page.locator(`[data-detail="${deadLetterId}"] pre`, { hasText: poison! }).waitFor();
    await page.screenshot({ path: join(OUTPUT, 'ops-dashboard-dead-letter.png'), fullPage: true });

    // Mend the consumer, replay from the queue, and watch the item resolve.
    consumer.mended = true;
    await row.getByRole('button', { name: 'Replay' }).click();
    await page.locator(`tr[data-dead-letter="${deadLetterId}"][data-status=replayed]`).waitFor();
    await page.locator('tr[data-kind=dead-letter]').waitFor({ state: 'detached' });
    await page.locator('[data-kpi=dead-letters] .value', { hasText: '0' }).waitFor();
    await waitFor(
      'the replay handled',
      async () => consumer.handled,
      (h) => h.includes(poison!),
    );

    await page.screenshot({ path: join(OUTPUT, 'ops-dashboard.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    expect(outsideRequests).toEqual([]);
  });
});
