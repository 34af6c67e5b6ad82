import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Browser, chromium } from 'playwright-core';
import { listen } from '@weft/platform';
import { testEnv } from '@weft/testing';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OPENAPI = join(__dirname, '..', '..', 'openapi');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function contractPaths(file: string): string[] {
  const doc = JSON.parse(readFileSync(join(OPENAPI, file), 'utf8')) as { paths: Record<string, object> };
  return Object.keys(doc.paths).sort();
}

describe('documentation pages in headless Chromium', () => {
  let app: NestFastifyApplication;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const env = testEnv();
    ({ app } = await createExperienceApi(env));
    base = await listen(app, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves the committed contract at /openapi.json, publicly and unthrottled', async () => {
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit')).toBeNull();
    expect(await res.text()).toBe(readFileSync(join(OPENAPI, 'experience-api.v1.json'), 'utf8'));
  });

  it('renders every operation of the contract in Swagger UI at /docs', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('pageerror', (e) => failed.push(e.message));
    await page.goto(`${base}/docs`, { waitUntil: 'load' });
    await page.waitForSelector('.opblock', { timeout: 30_000 });
    const rendered = await page.$$eval('.opblock-summary-path', (els) =>
      els.map((e) => e.getAttribute('data-path') ?? e.textContent ?? ''),
    );
    const ops = await page.$$eval('.opblock', (els) => els.length);
    const contract = JSON.parse(readFileSync(join(OPENAPI, 'experience-api.v1.json'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expectedOps = Object.values(contract.paths).reduce(
      (n, item) => n + Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length,
      0,
    );
    expect(ops).toBe(expectedOps);
    expect([...new Set(rendered.map((p) => p.replace(/\u200b/g, '').trim()))].sort()).toEqual(contractPaths('experience-api.v1.json'));
    expect(failed).toEqual([]);
    await page.close();
  });

  it('lists every API with version, lifecycle, owner and changelog at /docs/contracts', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs/contracts`, { waitUntil: 'load' });
    const rows = await page.$$eval('tr[data-contract]', (els) => els.map((e) => e.getAttribute('data-contract')));
    expect(rows.sort()).toEqual(['experience-api.v1.json', 'process-api.v1.json', 'system-api.v1.json']);
    const text = await page.textContent('body');
    const registry = JSON.parse(readFileSync(join(OPENAPI, 'registry.json'), 'utf8')) as {
      apis: { title: string; owner: { email: string } }[];
    };
    for (const api of registry.apis) {
      expect(text).toContain(api.title);
      expect(text).toContain(api.owner.email);
    }
    expect(text).toMatch(/active/);
    expect(text).toMatch(/Changes since release/);
    await page.close();
  });
});
