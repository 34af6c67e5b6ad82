import Redis from 'ioredis';
import { connect } from 'nats';
import { Client } from 'pg';

export const REAL_URLS = {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  NATS_URL: process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222',
};

/** What one phase of a real-infrastructure run owns: its own schemas, stream and Redis keys. */
export function realPrefixes(runTag: string, phase: string): Record<string, string> {
  const p = `bench_${runTag}_${phase}`;
  return { DATABASE_SCHEMA_PREFIX: p, NATS_PREFIX: p, REDIS_KEY_PREFIX: `${p}:` };
}

/** Removes everything a run created on the shared PostgreSQL, Redis and NATS (other engineers use them too). */
export async function cleanupReal(runTag: string): Promise<string[]> {
  const done: string[] = [];
  const prefix = `bench_${runTag}_`;
  const pg = new Client({ connectionString: REAL_URLS.DATABASE_URL });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix]);
    for (const r of rows) await pg.query(`DROP SCHEMA "${r.nspname}" CASCADE`);
    done.push(`${rows.length} PostgreSQL schemas`);
  } finally {
    await pg.end();
  }
  const redis = new Redis(REAL_URLS.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) n += await redis.del(...keys);
    } while (cursor !== '0');
    done.push(`${n} Redis keys`);
  } finally {
    redis.disconnect();
  }
  const nc = await connect({ servers: REAL_URLS.NATS_URL.split(',') });
  try {
    const jsm = await nc.jetstreamManager();
    const names: string[] = [];
    for await (const s of jsm.streams.list()) if (s.config.name.startsWith(prefix)) names.push(s.config.name);
    for (const name of names) await jsm.streams.delete(name);
    done.push(`${names.length} NATS streams`);
  } finally {
    await nc.close();
  }
  return done;
}

/** Server versions of the real infrastructure, for the results file. */
export async function realVersions(): Promise<Record<string, string>> {
  const pg = new Client({ connectionString: REAL_URLS.DATABASE_URL });
  await pg.connect();
  const postgres = (await pg.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? 'unknown';
  await pg.end();
  const redis = new Redis(REAL_URLS.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const nc = await connect({ servers: REAL_URLS.NATS_URL.split(',') });
  const nats = nc.info?.version ?? 'unknown';
  await nc.close();
  return { postgres, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown', nats };
}
