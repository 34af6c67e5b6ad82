import { generateKeyPairSync } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '@weft/config';
import { ProcessConfig } from './process.config';

const SERVICE_JWT_PRIVATE_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

function refused(env: Record<string, string>): string[] {
  try {
    loadConfig(ProcessConfig, env);
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.variables;
    throw e;
  }
  return [];
}

describe('process-api refuses unsafe production settings', () => {
  it('names the missing service key and each reference adapter (payment, Shopify channel)', () => {
    expect(refused({ NODE_ENV: 'production' }).sort()).toEqual(['PAYMENT_ADAPTER', 'SERVICE_JWT_PRIVATE_KEY', 'SHOPIFY_CHANNEL_ADAPTER']);
  });

  it('accepts the reference adapters only when WEFT_ALLOW_REFERENCE_ADAPTERS=true says so', () => {
    expect(refused({ NODE_ENV: 'production', SERVICE_JWT_PRIVATE_KEY, SERVICE_JWT_KID: 'p1' }).sort()).toEqual([
      'PAYMENT_ADAPTER',
      'SHOPIFY_CHANNEL_ADAPTER',
    ]);
    expect(
      refused({ NODE_ENV: 'production', SERVICE_JWT_PRIVATE_KEY, SERVICE_JWT_KID: 'p1', WEFT_ALLOW_REFERENCE_ADAPTERS: 'true' }),
    ).toEqual([]);
  });
});

describe('process-api retention settings', () => {
  it('keeps timelines 90 days, delivered outbox rows and processed events 7, resolved dead letters 30 by default', () => {
    const c = loadConfig(ProcessConfig, {});
    expect([c.RETENTION_TRANSITIONS_DAYS, c.RETENTION_OUTBOX_DELIVERED_DAYS, c.RETENTION_PROCESSED_EVENTS_DAYS]).toEqual([90, 7, 7]);
    expect(c.RETENTION_DEAD_LETTERS_RESOLVED_DAYS).toBe(30);
  });

  it('refuses a timeline retention below a day', () => {
    expect(refused({ RETENTION_TRANSITIONS_DAYS: '0' })).toEqual(['RETENTION_TRANSITIONS_DAYS']);
  });
});
