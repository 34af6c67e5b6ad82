import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';

/** The Shopify secret the README and the test suites publish; it verifies nothing in production. */
export const DEV_SHOPIFY_WEBHOOK_SECRET = 'weft-dev-shopify-secret';

/** Key ids ensureDevKeys() gives the development key pairs it makes. */
export const DEV_KEY_ID_PREFIX = 'dev-';

/**
 * SHA-256 of the SPKI (DER) of every private key published in this repository (test issuer keys):
 * anyone can sign with them, so none may sign service tokens in production.
 */
export const PUBLISHED_KEY_FINGERPRINTS = new Set<string>();

export interface ProductionRefusal {
  variable: string;
  reason: string;
}

export function publicKeyFingerprint(privateKeyPem: string): string | undefined {
  try {
    const spki = createPublicKey(createPrivateKey(privateKeyPem.replace(/\\n/g, '\n'))).export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(spki).digest('hex');
  } catch {
    return undefined;
  }
}

/** The signing key of this layer's service tokens: present, parseable, and not a development or published key. */
export function serviceKeyRefusals(env: { SERVICE_JWT_PRIVATE_KEY?: string; SERVICE_JWT_KID?: string }): ProductionRefusal[] {
  const pem = env.SERVICE_JWT_PRIVATE_KEY;
  if (!pem) return [{ variable: 'SERVICE_JWT_PRIVATE_KEY', reason: 'must be set (the development key folder is not read in production)' }];
  const fingerprint = publicKeyFingerprint(pem);
  if (!fingerprint) return [{ variable: 'SERVICE_JWT_PRIVATE_KEY', reason: 'is not a readable PKCS#8 private key' }];
  if (PUBLISHED_KEY_FINGERPRINTS.has(fingerprint) || env.SERVICE_JWT_KID?.startsWith(DEV_KEY_ID_PREFIX)) {
    return [{ variable: 'SERVICE_JWT_PRIVATE_KEY', reason: 'is a development or published key' }];
  }
  return [];
}

/** Each `variable=value` pair that selects a reference (in-memory, demo) adapter, unless allowed on purpose. */
export function referenceAdapterRefusals(allow: string | undefined, selections: Record<string, string>): ProductionRefusal[] {
  if (allow === 'true') return [];
  return Object.entries(selections)
    .filter(([, value]) => value === 'reference')
    .map(([variable]) => ({
      variable,
      reason: 'selects a reference adapter; choose a real one or set WEFT_ALLOW_REFERENCE_ADAPTERS=true on purpose',
    }));
}
