import { generateKeyPairSync } from 'node:crypto';
import { ConfigValidationError, loadConfig } from '@weft/config';
import { SystemConfig } from './system.config';

const SERVICE_JWT_PRIVATE_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

function refused(env: Record<string, string>): string[] {
  try {
    loadConfig(SystemConfig, env);
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.variables;
    throw e;
  }
  return [];
}

describe('system-api refuses unsafe production settings', () => {
  it('names the missing service key and the reference ERP and CRM', () => {
    expect(refused({ NODE_ENV: 'production' }).sort()).toEqual(['CRM_ADAPTER', 'ERP_ADAPTER', 'SERVICE_JWT_PRIVATE_KEY']);
  });

  it('a real ERP clears ERP_ADAPTER; WEFT_ALLOW_REFERENCE_ADAPTERS=true clears both', () => {
    const env = { NODE_ENV: 'production', SERVICE_JWT_PRIVATE_KEY, SERVICE_JWT_KID: 's1' };
    expect(refused({ ...env, ERP_ADAPTER: 'tryton', TRYTON_URL: 'http://tryton:8000' })).toEqual(['CRM_ADAPTER']);
    expect(refused({ ...env, WEFT_ALLOW_REFERENCE_ADAPTERS: 'true' })).toEqual([]);
  });
});
