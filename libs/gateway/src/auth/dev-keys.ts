import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DevKeys {
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** The development channel key stands in for the retailer's identity provider (`npm run token` signs with it). */
export const DEV_CHANNEL_KEY_FILE = 'dev-signing-key.json';
/** The development service key signs Weft's own layer-to-layer tokens: a different key from the channel one. */
export const DEV_SERVICE_KEY_FILE = 'dev-service-key.json';

/**
 * Development keys (ES256) under a git-ignored folder, made once. Writing to a temporary file and
 * renaming makes concurrent first starts agree on one key pair.
 */
export function ensureDevKeys(dir: string, fileName = DEV_CHANNEL_KEY_FILE): DevKeys {
  // Last line of defence behind loadConfig()'s production refusals: production never reads or makes dev keys.
  if (process.env.NODE_ENV === 'production') throw new Error('The development key folder is never read with NODE_ENV=production');
  const folder = resolve(dir);
  const file = join(folder, fileName);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys: DevKeys = {
      kid: `dev-${randomUUID().slice(0, 8)}`,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify(keys, null, 2), { mode: 0o600 });
    if (!existsSync(file)) renameSync(tmp, file);
  }
  const keys = JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  createPublicKey(keys.publicKeyPem);
  return keys;
}

export function ensureDevServiceKeys(dir: string): DevKeys {
  return ensureDevKeys(dir, DEV_SERVICE_KEY_FILE);
}
