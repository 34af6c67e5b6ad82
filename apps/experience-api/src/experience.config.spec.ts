import { generateKeyPairSync } from 'node:crypto';
import { ConfigValidationError, DEV_SHOPIFY_WEBHOOK_SECRET, loadConfig } from '@weft/config';
import { ExperienceConfig } from './experience.config';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const SAFE = {
  NODE_ENV: 'production',
  SERVICE_JWT_PRIVATE_KEY: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  SERVICE_JWT_KID: 'weft-2026-01',
  JWT_JWKS_URI: 'https://idp.example.com/.well-known/jwks.json',
  SHOPIFY_WEBHOOK_SECRET: 'shpss_real_app_secret',
};

function refused(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(ExperienceConfig, env);
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.variables;
    throw e;
  }
  return [];
}

describe('experience-api refuses unsafe production settings', () => {
  it('names every missing key and the published Shopify secret at once', () => {
    expect(refused({ NODE_ENV: 'production' }).sort()).toEqual(['JWT_JWKS_URI', 'SERVICE_JWT_PRIVATE_KEY', 'SHOPIFY_WEBHOOK_SECRET']);
  });

  it('refuses the published development Shopify secret, given explicitly or inside SHOPIFY_SHOPS', () => {
    expect(refused({ ...SAFE, SHOPIFY_WEBHOOK_SECRET: DEV_SHOPIFY_WEBHOOK_SECRET })).toEqual(['SHOPIFY_WEBHOOK_SECRET']);
    const shops = JSON.stringify([
      { domain: 'na.myshopify.com', webhookSecrets: ['shpss_na_secret'] },
      { domain: 'eu.myshopify.com', webhookSecrets: ['shpss_eu_secret', DEV_SHOPIFY_WEBHOOK_SECRET] },
    ]);
    expect(refused({ ...SAFE, SHOPIFY_WEBHOOK_SECRET: undefined, SHOPIFY_SHOPS: shops })).toEqual(['SHOPIFY_SHOPS']);
  });

  it('refuses a missing channel key; either JWT_JWKS_URI or JWT_PUBLIC_KEY is enough', () => {
    expect(refused({ ...SAFE, JWT_JWKS_URI: undefined })).toEqual(['JWT_JWKS_URI']);
    const pub = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(refused({ ...SAFE, JWT_JWKS_URI: undefined, JWT_PUBLIC_KEY: pub })).toEqual([]);
  });

  it('starts with real secrets and keys; development checks nothing', () => {
    expect(refused(SAFE)).toEqual([]);
    const shops = JSON.stringify([{ domain: 'na.myshopify.com', webhookSecrets: ['shpss_na_secret'] }]);
    expect(refused({ ...SAFE, SHOPIFY_WEBHOOK_SECRET: undefined, SHOPIFY_SHOPS: shops })).toEqual([]);
    expect(refused({ NODE_ENV: 'development' })).toEqual([]);
  });

  it('reads TRUST_PROXY as Fastify expects it', () => {
    const trust = (v: string): unknown => loadConfig(ExperienceConfig, { TRUST_PROXY: v }).trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8,127.0.0.1')).toBe('10.0.0.0/8,127.0.0.1');
    expect(refused({ TRUST_PROXY: 'everyone' })).toEqual(['TRUST_PROXY']);
  });
});

describe('experience-api retention settings', () => {
  it('defaults idempotency retention to IDEMPOTENCY_TTL_SECONDS and the inbox to 30 days', () => {
    const c = loadConfig(ExperienceConfig, { IDEMPOTENCY_TTL_SECONDS: '7200' });
    expect(c.idempotencyRetentionSeconds).toBe(7200);
    expect(c.RETENTION_INBOX_DAYS).toBe(30);
    expect(loadConfig(ExperienceConfig, { RETENTION_IDEMPOTENCY_SECONDS: '90000' }).idempotencyRetentionSeconds).toBe(90000);
  });

  it('refuses windows that would drop rows still needed for deduplication', () => {
    expect(refused({ IDEMPOTENCY_TTL_SECONDS: '7200', RETENTION_IDEMPOTENCY_SECONDS: '3600' })).toEqual(['RETENTION_IDEMPOTENCY_SECONDS']);
    expect(refused({ RETENTION_INBOX_DAYS: '2' })).toEqual(['RETENTION_INBOX_DAYS']);
    expect(refused({ RETENTION_PROCESSED_EVENTS_DAYS: '6' })).toEqual(['RETENTION_PROCESSED_EVENTS_DAYS']);
    expect(refused({ RETENTION_BATCH_SIZE: '0', RETENTION_OUTBOX_DELIVERED_DAYS: '0' }).sort()).toEqual([
      'RETENTION_BATCH_SIZE',
      'RETENTION_OUTBOX_DELIVERED_DAYS',
    ]);
  });
});
