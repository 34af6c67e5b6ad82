import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { startStack, Stack, waitFor } from '@weft/testing';

const EMAIL = 'redaction.probe@example.com';
const PHONE = '+1 415 555 0199';
const STREET = '742 Evergreen Terrace';
const POSTAL = '97403';

/**
 * Personal data and tokens through all three layers with logging on (debug): every log line is read
 * back from stdout and none may hold the e-mail, phone, street, postal code or the bearer token, not
 * even in a logged URL (`?email=`).
 */
describe('no personal data or token in any log line', () => {
  let stack: Stack;
  const lines: string[] = [];
  let restore: () => void;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    restore = () => spy.mockRestore();
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { LOG_LEVEL: 'debug', WORKFLOW_POLL_MS: '50' },
    );
  });
  afterAll(async () => {
    await stack.close();
    restore();
  });

  it('logs requests, but never their personal data', async () => {
    const token = await stack.token({
      sub: 'redaction-client',
      scope: 'orders:write orders:read customers:read',
      claims: { channel: 'redaction-client' },
    });
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const placed = await fetch(`${stack.urls.experience}/v1/orders`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': '"redaction-1"' },
      body: JSON.stringify({
        externalId: 'REDACT-1',
        currency: 'USD',
        paymentStatus: 'paid',
        lines: [{ sku: 'WEFT-TEE-BLK-M', quantity: 1, unitPriceMinor: 2500 }],
        customer: { email: EMAIL, phone: PHONE, firstName: 'Probe', lastName: 'Person' },
        shippingAddress: { name: 'Probe Person', line1: STREET, city: 'Springfield', postalCode: POSTAL, countryCode: 'US', phone: PHONE },
      }),
    });
    expect(placed.status).toBe(201);
    const { id } = (await placed.json()) as { id: string };
    await waitFor(
      'the order to reach the ERP (every layer logged on the way)',
      async () => ((await (await fetch(`${stack.urls.experience}/v1/orders/${id}`, { headers: auth })).json()) as { state: string }).state,
      (s) => s === 'ACCEPTED_BY_ERP',
    );
    const lookup = await fetch(`${stack.urls.experience}/v1/customers?email=${encodeURIComponent(EMAIL)}`, { headers: auth });
    expect(lookup.status).toBeLessThan(500);
    // A refused token and a bad body are logged too.
    await fetch(`${stack.urls.experience}/v1/orders?source=shopify&externalId=${encodeURIComponent(PHONE)}`, {
      headers: { authorization: `Bearer ${token}x` },
    });

    const log = lines.join('');
    // Logging was on: the customer lookup's request line is there, with its query value redacted.
    expect(log).toMatch(/"url":"\/v1\/customers\?email=\[redacted\]"/);
    for (const secret of [EMAIL, encodeURIComponent(EMAIL), PHONE, encodeURIComponent(PHONE), STREET, POSTAL, token, token.split('.')[1]]) {
      expect(log).not.toContain(secret);
    }
  });
});
