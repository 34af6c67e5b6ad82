import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTrytonErpAdapter,
  TrytonAdapterDeps,
  TrytonErpAdapter,
  TrytonRpcClient,
  TrytonRpcOptions,
} from '../../apps/system-api/src/erp/tryton';
import { SystemConfig } from '../../apps/system-api/src/system.config';

export { ErpError, ErpErrorCode } from '../../apps/system-api/src/erp/erp.errors';
export type { ErpSalesOrderInput } from '../../apps/system-api/src/erp/erp.port';
export { TrytonErpAdapter, TrytonRpcClient } from '../../apps/system-api/src/erp/tryton';
export { asIds, str } from '../../apps/system-api/src/erp/tryton/tryton.records';

export const TRYTON_URL = process.env.TRYTON_URL ?? 'http://127.0.0.1:8000';
export const TRYTON_HOME = process.env.TRYTON_HOME ?? join(process.env.TMPDIR ?? '/tmp', 'weft-tryton');
export const TRYTON_DATABASE = process.env.TRYTON_DATABASE ?? 'erp';

export function trytonPasswordForTests(): string {
  if (process.env.TRYTON_PASSWORD) return process.env.TRYTON_PASSWORD;
  try {
    return readFileSync(join(TRYTON_HOME, 'adminpass.txt'), 'utf8').trim();
  } catch {
    throw new Error(`No TRYTON_PASSWORD and no ${TRYTON_HOME}/adminpass.txt: run scripts/tryton-up.sh`);
  }
}

/** Fails (never skips) when no Tryton answers: these suites exist to prove the adapter against it. */
export async function assertTrytonUp(): Promise<void> {
  try {
    const r = await fetch(`${TRYTON_URL}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 0, method: 'common.server.version', params: [] }),
      signal: AbortSignal.timeout(5000),
    });
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  } catch (e) {
    throw new Error(`Tryton is not running at ${TRYTON_URL} (${String(e)}): run scripts/tryton-up.sh`);
  }
}

export function testConfig(): SystemConfig {
  const c = new SystemConfig();
  c.ERP_ADAPTER = 'tryton';
  c.TRYTON_URL = TRYTON_URL;
  c.TRYTON_DATABASE = TRYTON_DATABASE;
  c.TRYTON_USER = process.env.TRYTON_USER ?? 'admin';
  c.TRYTON_PASSWORD = trytonPasswordForTests();
  return c;
}

export function makeAdapter(deps: TrytonAdapterDeps = {}): TrytonErpAdapter {
  return createTrytonErpAdapter(testConfig(), deps);
}

/** A separate raw client to read Tryton back without going through the adapter's mapping. */
export function rawClient(overrides: Partial<TrytonRpcOptions> = {}): TrytonRpcClient {
  return new TrytonRpcClient({
    url: TRYTON_URL,
    database: TRYTON_DATABASE,
    user: 'admin',
    password: trytonPasswordForTests(),
    ...overrides,
  });
}

export const uniq = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export async function newCustomer(adapter: TrytonErpAdapter): Promise<string> {
  const c = await adapter.findOrCreateCustomer({
    customerKey: uniq('cust'),
    name: 'Test Buyer',
    email: 'buyer@example.com',
    address: { line1: '1 Test Street', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
  });
  return c.erpCustomerId;
}

/** Results a suite wants printed (measurements): jest swallows nothing written to stderr. */
export function report(line: string): void {
  process.stderr.write(`[tryton] ${line}\n`);
}
