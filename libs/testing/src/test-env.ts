import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testIdpEnv } from './tokens';

/** `WEFT_TEST_INFRA=real` runs the same suites on PostgreSQL, Redis and NATS JetStream. */
export const REAL_INFRA = process.env.WEFT_TEST_INFRA === 'real';

export const REAL_URLS = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
};

/**
 * An isolated environment per suite: its own data dir and dev keys, and on real infra its own
 * PostgreSQL schemas and NATS stream names, so suites never see each other's data. Channel tokens come
 * from a test identity provider with its own key (as in production); the layers sign service tokens
 * with the suite's development service key, a different one.
 */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-test-'));
  const suffix = randomBytes(4).toString('hex');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEFT_DATA_DIR: join(dir, 'data'),
    DEV_KEYS_DIR: join(dir, 'keys'),
    HOST: '127.0.0.1',
    EXPERIENCE_API_PORT: '0',
    PROCESS_API_PORT: '0',
    SYSTEM_API_PORT: '0',
    ...testIdpEnv(),
  };
  if (REAL_INFRA) {
    Object.assign(env, REAL_URLS, { DATABASE_SCHEMA_PREFIX: `t_${suffix}`, NATS_PREFIX: `t_${suffix}`, REDIS_KEY_PREFIX: `t_${suffix}:` });
  }
  return { ...env, ...overrides };
}
