import 'reflect-metadata';

// Jest 30 reads testTimeout from the root config only, not from a project entry: set it here.
jest.setTimeout(120_000);
import { assertTrytonUp, ErpError, ErpErrorCode, makeAdapter, rawClient, TrytonRpcClient, uniq } from './tryton-test-env';

describe('Tryton RPC client: sessions and error mapping', () => {
  let client: TrytonRpcClient;

  beforeAll(async () => {
    await assertTrytonUp();
    client = rawClient();
  });

  afterAll(async () => {
    await client?.logout();
  });

  it('maps a Tryton UserError to VALIDATION with its message', async () => {
    // Quoting a sale without an invoice address is a UserError in Tryton.
    const [id] = await client.create('sale.sale', [{ party: 3, reference: uniq('noaddr') }]);
    const err = await client.button('sale.sale', 'quote', [id]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErpError);
    expect((err as ErpError).code).toBe(ErpErrorCode.VALIDATION);
    expect((err as ErpError).message).toMatch(/invoice address/);
  });

  it('maps an unknown SKU to VALIDATION and a missing order to NOT_FOUND', async () => {
    const adapter = makeAdapter();
    await expect(
      adapter.createSalesOrder({
        externalReference: uniq('bad'),
        erpCustomerId: '3',
        currency: 'USD',
        channel: 'test',
        lines: [{ sku: 'NO-SUCH-SKU', quantity: 1, unitPriceMinor: 100 }],
      }),
    ).rejects.toMatchObject({ code: ErpErrorCode.VALIDATION });
    await expect(adapter.getSalesOrder('not-a-number')).rejects.toMatchObject({ code: ErpErrorCode.NOT_FOUND });
    await adapter.rpc.logout();
  });

  it('reports a wrong password once and does not retry the login in a loop', async () => {
    const bad = rawClient({ password: 'definitely-wrong', loginCooldownMs: 60_000 });
    const first = await bad.searchCount('party.party', []).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ErpError);
    expect((first as ErpError).code).toBe(ErpErrorCode.VALIDATION);
    expect((first as ErpError).message).toMatch(/login failed/);
    // Further calls fail fast from the cool-down, without another login against Tryton.
    for (let i = 0; i < 5; i++) await expect(bad.searchCount('party.party', [])).rejects.toBe(first);
    expect(bad.stats.loginAttempts).toBe(1);
    // The right password still logs in (one failure does not trip Tryton's 429 after 5).
    expect(await client.searchCount('party.party', [])).toBeGreaterThan(0);
  });

  it('logs in again once when the session is gone (HTTP 401) and retries the call', async () => {
    await client.searchCount('party.party', []);
    const logins = client.stats.loginAttempts;
    const header = client.currentSessionHeader()!;
    // End the session behind the client's back.
    const r = await fetch(client.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: header },
      body: JSON.stringify({ id: 1, method: 'common.db.logout', params: [] }),
    });
    expect(r.status).toBe(200);
    expect(await client.searchCount('party.party', [])).toBeGreaterThan(0);
    expect(client.stats.loginAttempts).toBe(logins + 1);
    expect(client.stats.relogins).toBe(1);
  });

  it('maps an unreachable Tryton to UNAVAILABLE', async () => {
    const down = new TrytonRpcClient({ url: 'http://127.0.0.1:9', database: 'erp', user: 'admin', password: 'x' });
    await expect(down.searchCount('party.party', [])).rejects.toMatchObject({ code: ErpErrorCode.UNAVAILABLE });
  });
});
