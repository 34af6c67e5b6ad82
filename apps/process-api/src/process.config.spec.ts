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
