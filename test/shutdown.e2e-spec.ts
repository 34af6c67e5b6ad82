import { installShutdown } from '@weft/platform';
import { startStack, Stack, waitFor } from '@weft/testing';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';

/**
 * What SIGTERM does in production (runApp installs the same handler): a request in flight is answered,
 * the workers and consumers stop, the pools close, and the process exits 0 within its deadline.
 * SIGUSR2, emitted on the test's process object, stands in for SIGTERM (Jest's process is not the apps' own).
 */
describe('shutdown on a signal', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ system: createSystemApi, process: createProcessApi }, { ERP_LATENCY_MS: '800', WORKFLOW_POLL_MS: '50' });
  });
  afterAll(async () => {
    for (const app of stack.apps) await app.close().catch(() => undefined);
  });

  it('answers the request in flight, stops both apps and exits 0', async () => {
    const token = await stack.serviceToken({ audience: 'system-api', scope: 'system:read' });
    const exits: number[] = [];
    const offs = stack.apps.map((app, i) =>
      installShutdown(app, {
        service: `app-${i}`,
        timeoutMs: 15_000,
        signals: ['SIGUSR2'],
        exit: (code) => void exits.push(code),
        log: () => undefined,
      }),
    );
    const started = Date.now();
    const arrived = new Promise((r) => stack.apps[0].getHttpServer().once('request', r));
    const inFlight = fetch(`${stack.urls.system}/v1/erp/stock?skus=SKU2006-001`, { headers: { authorization: `Bearer ${token}` } });
    // Signal while it is being served (the reference ERP takes ERP_LATENCY_MS to answer).
    await arrived;
    process.emit('SIGUSR2', 'SIGUSR2');
    const res = await inFlight;
    expect(res.status).toBe(200);
    await waitFor(
      'both apps to exit',
      async () => exits,
      (e) => e.length === 2,
      15_000,
    );
    expect(exits).toEqual([0, 0]);
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(fetch(`${stack.urls.process}/health/live`)).rejects.toThrow();
    offs.forEach((off) => off());
  });
});
