import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, Optional, Provider } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '@weft/platform';
import { SystemConfig } from '../../system.config';
import { ERP_PORT } from '../erp.port';
import { TrytonErpAdapter } from './tryton.erp-adapter';
import { KeyLock, LayeredKeyLock, PgAdvisoryKeyLock, RedisKeyLock } from './tryton.locks';
import { TrytonRpcClient } from './tryton.rpc-client';

export interface TrytonAdapterDeps {
  /** ioredis client (REDIS provider): cross-instance locks via SET NX PX. */
  redis?: Redis | null;
  /** TypeORM DataSource: on PostgreSQL, cross-instance locks via pg advisory locks (used when no Redis). */
  dataSource?: DataSource | null;
  /** Redis key prefix (REDIS_KEY_PREFIX). */
  keyPrefix?: string;
  timeoutMs?: number;
  methodTimeoutsMs?: Record<string, number>;
  loginCooldownMs?: number;
  logger?: { warn(message: string): void; log?(message: string): void };
}

/** TRYTON_PASSWORD, else $TRYTON_HOME/adminpass.txt (the kit's generated admin password) for local runs. */
export function trytonPassword(config: Pick<SystemConfig, 'TRYTON_PASSWORD'>, env: NodeJS.ProcessEnv = process.env): string {
  if (config.TRYTON_PASSWORD) return config.TRYTON_PASSWORD;
  const home = env.TRYTON_HOME ?? join(env.TMPDIR ?? '/tmp', 'weft-tryton');
  try {
    return readFileSync(join(home, 'adminpass.txt'), 'utf8').trim();
  } catch {
    throw new Error(`ERP_ADAPTER=tryton needs TRYTON_PASSWORD (or ${join(home, 'adminpass.txt')})`);
  }
}

export function trytonLock(deps: TrytonAdapterDeps): LayeredKeyLock {
  let remote: KeyLock | null = null;
  if (deps.redis) remote = new RedisKeyLock(deps.redis, `${deps.keyPrefix ?? 'weft:'}tryton-lock:`);
  else if (deps.dataSource?.options.type === 'postgres') remote = new PgAdvisoryKeyLock(deps.dataSource);
  return new LayeredKeyLock(remote);
}

export function createTrytonErpAdapter(config: SystemConfig, deps: TrytonAdapterDeps = {}): TrytonErpAdapter {
  const rpc = new TrytonRpcClient({
    url: config.TRYTON_URL ?? 'http://127.0.0.1:8000',
    database: config.TRYTON_DATABASE,
    user: config.TRYTON_USER,
    password: trytonPassword(config),
    maxConcurrency: config.TRYTON_MAX_CONCURRENCY,
    timeoutMs: deps.timeoutMs,
    methodTimeoutsMs: deps.methodTimeoutsMs,
    loginCooldownMs: deps.loginCooldownMs,
    logger: deps.logger,
  });
  return new TrytonErpAdapter(rpc, trytonLock({ keyPrefix: config.REDIS_KEY_PREFIX, ...deps }), config.trytonLocationMap);
}

/** The adapter as a Nest provider class: builds itself from SystemConfig, REDIS and the DataSource; logs out on shutdown. */
@Injectable()
export class TrytonErpProvider extends TrytonErpAdapter {
  constructor(config: SystemConfig, @Optional() @Inject(REDIS) redis: Redis | null, @Optional() dataSource: DataSource | null) {
    const made = createTrytonErpAdapter(config, { redis, dataSource, logger: new Logger('TrytonErp') });
    super(made.rpc, made.locks);
  }
}

/** `providers: [TRYTON_ERP_PORT_PROVIDER]` binds ERP_PORT to the Tryton adapter. */
export const TRYTON_ERP_PORT_PROVIDER: Provider = { provide: ERP_PORT, useClass: TrytonErpProvider };
