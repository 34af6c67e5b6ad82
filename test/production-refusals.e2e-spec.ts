import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const REGISTER = join(ROOT, 'libs/testing/src/ts-register.cjs');

/** Runs an app's main.ts as its own process, as production does, with only `env` (plus PATH). */
function runMain(app: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', REGISTER, join(ROOT, `apps/${app}/src/main.ts`)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stderr }));
  });
}

describe('NODE_ENV=production refuses unsafe settings: the process exits 78 naming each variable', () => {
  const expected: Record<string, string[]> = {
    'experience-api': ['SERVICE_JWT_PRIVATE_KEY', 'JWT_JWKS_URI', 'JWT_PUBLIC_KEY', 'SHOPIFY_WEBHOOK_SECRET'],
    'process-api': ['SERVICE_JWT_PRIVATE_KEY', 'PAYMENT_ADAPTER', 'SHOPIFY_CHANNEL_ADAPTER'],
    'system-api': ['SERVICE_JWT_PRIVATE_KEY', 'ERP_ADAPTER', 'CRM_ADAPTER'],
  };

  it.each(Object.keys(expected))('%s', async (app) => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-prod-'));
    const keys = join(dir, 'keys');
    const { code, stderr } = await runMain(app, {
      NODE_ENV: 'production',
      DEV_KEYS_DIR: keys,
      WEFT_DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'silent',
      EXPERIENCE_API_PORT: '0',
      PROCESS_API_PORT: '0',
      SYSTEM_API_PORT: '0',
    });
    expect(code).toBe(78);
    expect(stderr).toMatch(new RegExp(`^${app}: Invalid configuration: NODE_ENV=production refuses to start`));
    for (const variable of expected[app]) expect(stderr).toContain(variable);
    // The development key folder is neither read nor made.
    expect(existsSync(keys)).toBe(false);
  });
});
