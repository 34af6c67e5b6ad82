import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { ErpError, ErpErrorCode } from '../erp.errors';

/** Runs work while holding a lock on a business key (a sale reference, a credit key…). */
export interface KeyLock {
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** In-process mutex per key: callers with the same key run one after another, FIFO. */
export class KeyedMutex implements KeyLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Cross-instance lock in Redis: SET key token NX PX ttl, polled until `waitMs`; released only by its
 * owner (compare-and-delete in Lua), so an expired lock taken over by another instance is not freed.
 */
export class RedisKeyLock implements KeyLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'weft:tryton-lock:',
    private readonly ttlMs = 120_000,
    private readonly waitMs = 60_000,
  ) {}

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const name = `${this.prefix}${key}`;
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
      const ok = await this.redis.set(name, token, 'PX', this.ttlMs, 'NX');
      if (ok === 'OK') break;
      if (Date.now() > deadline) throw new ErpError(ErpErrorCode.CONCURRENCY, `Lock ${key} is held by another instance`, { key });
      await sleep(delay);
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, name, token).catch(() => undefined);
    }
  }
}

/** A signed 64-bit advisory-lock key from a business key. */
export function advisoryKey(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

/**
 * Cross-instance lock in PostgreSQL: a session-level pg_try_advisory_lock on a hash of the key, on a
 * connection held for the duration of the work (released by pg_advisory_unlock, or by the connection
 * ending if the process dies).
 */
export class PgAdvisoryKeyLock implements KeyLock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly waitMs = 60_000,
  ) {}

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const id = advisoryKey(`weft:tryton:${key}`);
    try {
      const deadline = Date.now() + this.waitMs;
      for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
        const rows = (await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS ok', [id])) as { ok: boolean }[];
        if (rows[0]?.ok) break;
        if (Date.now() > deadline) throw new ErpError(ErpErrorCode.CONCURRENCY, `Lock ${key} is held by another instance`, { key });
        await sleep(delay);
      }
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1::bigint)', [id]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }
}

/** The in-process mutex first (cheap, FIFO), then the cross-instance lock when one is configured. */
export class LayeredKeyLock implements KeyLock {
  private readonly local = new KeyedMutex();

  constructor(private readonly remote: KeyLock | null) {}

  get distributed(): boolean {
    return this.remote !== null;
  }

  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const remote = this.remote;
    return this.local.withLock(key, () => (remote ? remote.withLock(key, work) : work()));
  }
}
