import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, WeftConfig } from '@weft/config';
import { JwtVerifier } from '@weft/gateway';
import { signDevToken } from './token';

describe('npm run token (tools/token.ts)', () => {
  const config = loadConfig(WeftConfig, {
    NODE_ENV: 'development',
    DEV_KEYS_DIR: join(mkdtempSync(join(tmpdir(), 'weft-token-')), 'keys'),
  });

  it('signs a token the gateway verifier accepts, with sub, scopes and partner', async () => {
    const token = await signDevToken(config, { sub: 'pos-1', scope: 'orders:read pos:write', partnerId: 'p-9', ttlSeconds: 600 });
    const principal = await new JwtVerifier(config).verify(token);
    expect(principal.sub).toBe('pos-1');
    expect([...principal.scopes]).toEqual(['orders:read', 'pos:write']);
    expect(principal.partnerId).toBe('p-9');
    expect(Number(principal.claims.exp) - Number(principal.claims.iat)).toBe(600);
  });

  it('signs tokens that expire: ttl 1 s is rejected once past the 30 s skew', async () => {
    const token = await signDevToken(config, { sub: 'pos-1', scope: '', ttlSeconds: 1 });
    await expect(new JwtVerifier(config).verify(token)).resolves.toBeDefined();
    // Only the clock moves: jose reads `new Date()`, which fake timers replace.
    jest.useFakeTimers({
      now: Date.now() + 40_000,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'],
    });
    try {
      await expect(new JwtVerifier(config).verify(token)).rejects.toMatchObject({
        code: 'invalid-token',
        detail: 'The token has expired.',
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
