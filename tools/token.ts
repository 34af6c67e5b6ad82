import { createPrivateKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { loadConfig, WeftConfig } from '@weft/config';
import { ensureDevKeys } from '@weft/gateway';

/** Prints an access token signed with the development key pair (embedded mode only). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      scope: { type: 'string', default: '' },
      'partner-id': { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  if (!values.sub) {
    process.stderr.write('usage: npm run token -- --sub <client> --scope "orders:read orders:write" [--partner-id P] [--ttl seconds]\n');
    process.exit(64);
  }
  const config = loadConfig(WeftConfig);
  if (config.NODE_ENV === 'production') {
    process.stderr.write('npm run token issues development tokens only; production tokens come from your identity provider\n');
    process.exit(64);
  }
  const keys = ensureDevKeys(config.DEV_KEYS_DIR);
  const token = await new SignJWT({ scope: values.scope, ...(values['partner-id'] ? { partner_id: values['partner-id'] } : {}) })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: keys.kid })
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setSubject(values.sub)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${Number(values.ttl)}s`)
    .sign(createPrivateKey(keys.privateKeyPem));
  process.stdout.write(`${token}\n`);
}

void main();
