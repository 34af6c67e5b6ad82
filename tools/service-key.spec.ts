import { loadConfig, WeftConfig } from '@weft/config';
import { ServiceTokenSigner, ServiceTokenVerifier } from '@weft/gateway';
import { envLines, generateServiceKey } from './service-key';

/** Reads `KEY="value"` lines as an env file loader does (the \n escapes stay escaped). */
const parse = (lines: string[]): Record<string, string> =>
  Object.fromEntries(
    lines
      .filter((l) => !l.startsWith('#'))
      .map((l) => {
        const i = l.indexOf('=');
        return [l.slice(0, i), l.slice(i + 1).replace(/^"|"$/g, '')];
      }),
  );

describe('npm run service-key (tools/service-key.ts)', () => {
  it('prints a key pair whose private half signs what the receivers trust with the public half', async () => {
    const env = parse(envLines(generateServiceKey('svc-test')));
    const signing = loadConfig(WeftConfig, {
      NODE_ENV: 'production',
      SERVICE_JWT_PRIVATE_KEY: env.SERVICE_JWT_PRIVATE_KEY,
      SERVICE_JWT_KID: env.SERVICE_JWT_KID,
    });
    const token = await new ServiceTokenSigner(signing).token('process-api', 'system-api', 'system:read');
    // The receiving layer signs with a key of its own (production refuses to start without one).
    const own = parse(envLines(generateServiceKey('receiver-test')));
    const receiver = loadConfig(WeftConfig, {
      NODE_ENV: 'production',
      SERVICE_JWT_PRIVATE_KEY: own.SERVICE_JWT_PRIVATE_KEY,
      SERVICE_JWT_KID: own.SERVICE_JWT_KID,
      SERVICE_JWT_PUBLIC_KEYS: env.SERVICE_JWT_PUBLIC_KEYS,
    });
    const principal = await new ServiceTokenVerifier(receiver, 'system-api').verify(token);
    expect(principal.sub).toBe('process-api');
    expect(principal.claims.aud).toBe('system-api');
    expect(env.SERVICE_JWT_PREVIOUS_PUBLIC_KEY).toBe(env.SERVICE_JWT_PUBLIC_KEYS);
  });
});
