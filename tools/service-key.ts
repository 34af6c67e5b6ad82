import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';

export interface ServiceKeyPair {
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

/** A new ES256 (P-256) key pair for signing service tokens. */
export function generateServiceKey(kid: string): ServiceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The env-file lines (PEM newlines escaped as \n, which the apps accept) for the signing layer and its receivers. */
export function envLines(key: ServiceKeyPair): string[] {
  const oneLine = (pem: string): string => `"${pem.trim().replace(/\n/g, '\\n')}"`;
  return [
    '# The signing layer (keep secret):',
    `SERVICE_JWT_PRIVATE_KEY=${oneLine(key.privateKeyPem)}`,
    `SERVICE_JWT_KID=${key.kid}`,
    '# Receivers that pin static keys instead of reading the JWKS (add it beside the key it replaces):',
    `SERVICE_JWT_PUBLIC_KEYS=${oneLine(key.publicKeyPem)}`,
    '# At the next rotation, on the signing layer, with the new key:',
    `SERVICE_JWT_PREVIOUS_PUBLIC_KEY=${oneLine(key.publicKeyPem)}`,
    `SERVICE_JWT_PREVIOUS_KID=${key.kid}`,
  ];
}

/** `npm run service-key -- --kid <id>`: prints a new service key pair as env lines. Nothing is written to disk. */
function main(): void {
  const { values } = parseArgs({ options: { kid: { type: 'string' } } });
  const kid = values.kid ?? `svc-${new Date().toISOString().slice(0, 10)}`;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(kid)) {
    process.stderr.write('usage: npm run service-key -- [--kid <letters, digits, . _ ->]\n');
    process.exit(64);
  }
  process.stdout.write(`${envLines(generateServiceKey(kid)).join('\n')}\n`);
}

if (require.main === module) main();
