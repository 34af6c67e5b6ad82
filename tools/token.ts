import { createPrivateKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { loadConfig, WeftConfig } from '@weft/config';
import { ensureDevKeys } from '@weft/gateway';

export interface DevTokenRequest {
  sub: string;
  scope: string;
  partnerId?: string;
  /** Tenant claims: store_id (a POS register's store), shop or channel (a storefront). */
  claims?: Record<string, string>;
  ttlSeconds: number;
}

/** Signs an access token with the development key pair, for the config's issuer and audience. */
export async function signDevToken(config: WeftConfig, request: DevTokenRequest): Promise<string> {
  const keys = ensureDevKeys(config.DEV_KEYS_DIR);
  return new SignJWT({ scope: request.scope, ...(request.partnerId ? { partner_id: request.partnerId } : {}), ...request.claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: keys.kid })
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setSubject(request.sub)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${request.ttlSeconds}s`)
    .sign(createPrivateKey(keys.privateKeyPem));
}

/** Prints an access token signed with the development key pair (embedded mode only). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      scope: { type: 'string', default: '' },
      'partner-id': { type: 'string' },
      'store-id': { type: 'string' },
      shop: { type: 'string' },
      channel: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  if (!values.sub) {
    process.stderr.write(
      'usage: npm run token -- --sub <client> --scope "orders:read orders:write" [--partner-id P | --store-id S | --shop D | --channel C] [--ttl seconds]\n',
    );
    process.exit(64);
  }
  const config = loadConfig(WeftConfig);
  if (config.NODE_ENV === 'production') {
    process.stderr.write('npm run token issues development tokens only; production tokens come from your identity provider\n');
    process.exit(64);
  }
  const token = await signDevToken(config, {
    sub: values.sub,
    scope: values.scope ?? '',
    partnerId: values['partner-id'],
    claims: Object.fromEntries(
      Object.entries({ store_id: values['store-id'], shop: values.shop, channel: values.channel }).filter(([, v]) => v) as [
        string,
        string,
      ][],
    ),
    ttlSeconds: Number(values.ttl),
  });
  process.stdout.write(`${token}\n`);
}

// Importable (tests) without printing a token; runs as `node dist/tools/token.js`.
if (require.main === module) void main();
