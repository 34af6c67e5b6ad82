import { generateKeyPairSync } from 'node:crypto';
import { ConfigValidationError, loadConfig } from './env.validation';
import { PUBLISHED_KEY_FINGERPRINTS, publicKeyFingerprint, referenceAdapterRefusals, serviceKeyRefusals } from './production-safety';
import { WeftConfig } from './weft.config';

function pkcs8(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function refusal(env: Record<string, string>): ConfigValidationError {
  try {
    loadConfig(WeftConfig, env);
  } catch (e) {
    if (e instanceof ConfigValidationError) return e;
    throw e;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('production refuses unsafe settings (shared by the three apps)', () => {
  it('refuses a missing service signing key, naming SERVICE_JWT_PRIVATE_KEY', () => {
    const e = refusal({ NODE_ENV: 'production' });
    expect(e.variables).toEqual(['SERVICE_JWT_PRIVATE_KEY']);
    expect(e.message).toMatch(/NODE_ENV=production refuses to start: SERVICE_JWT_PRIVATE_KEY must be set/);
  });

  it('refuses a development key (dev- key id) and a published key (by fingerprint)', () => {
    const key = pkcs8();
    expect(refusal({ NODE_ENV: 'production', SERVICE_JWT_PRIVATE_KEY: key, SERVICE_JWT_KID: 'dev-1a2b3c4d' }).variables).toEqual([
      'SERVICE_JWT_PRIVATE_KEY',
    ]);
    const published = pkcs8();
    PUBLISHED_KEY_FINGERPRINTS.add(publicKeyFingerprint(published)!);
    try {
      expect(serviceKeyRefusals({ SERVICE_JWT_PRIVATE_KEY: published, SERVICE_JWT_KID: 'prod-2026' })).toHaveLength(1);
      expect(serviceKeyRefusals({ SERVICE_JWT_PRIVATE_KEY: key, SERVICE_JWT_KID: 'prod-2026' })).toEqual([]);
    } finally {
      PUBLISHED_KEY_FINGERPRINTS.clear();
    }
  });

  it('refuses a key that is PEM-shaped but unreadable', () => {
    const broken = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
    expect(serviceKeyRefusals({ SERVICE_JWT_PRIVATE_KEY: broken })[0].reason).toMatch(/not a readable/);
  });

  it('starts with a real key, and checks nothing outside production', () => {
    expect(loadConfig(WeftConfig, { NODE_ENV: 'production', SERVICE_JWT_PRIVATE_KEY: pkcs8(), SERVICE_JWT_KID: 'k1' }).NODE_ENV).toBe(
      'production',
    );
    expect(loadConfig(WeftConfig, { NODE_ENV: 'development' }).NODE_ENV).toBe('development');
  });

  it('names each variable that selects a reference adapter, unless WEFT_ALLOW_REFERENCE_ADAPTERS=true', () => {
    const selections = { ERP_ADAPTER: 'reference', CRM_ADAPTER: 'reference', OTHER_ADAPTER: 'tryton' };
    expect(referenceAdapterRefusals('false', selections).map((r) => r.variable)).toEqual(['ERP_ADAPTER', 'CRM_ADAPTER']);
    expect(referenceAdapterRefusals(undefined, selections)).toHaveLength(2);
    expect(referenceAdapterRefusals('true', selections)).toEqual([]);
  });
});
