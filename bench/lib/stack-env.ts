import { join } from 'node:path';
import { DEV_SHOPIFY_SECRET } from '@weft/testing';
import { REAL_URLS, realPrefixes } from './infra';
import { REPO } from './procs';
import { BENCH_SHOP } from './shopify';

export interface StackEnvOptions {
  work: string;
  phase: string;
  infra: 'embedded' | 'real';
  runTag: string;
  logLevel: string;
  /** Extra variables for every app (ERP_LATENCY_MS, ERP_CONCURRENCY_LIMIT, …). */
  extra?: Record<string, string>;
}

/** The environment the three apps run with in a bench scenario: the drain phase's, with throttling never tripped. */
export function stackEnv(o: StackEnvOptions): Record<string, string> {
  return {
    NODE_ENV: 'development',
    LOG_LEVEL: o.logLevel,
    HOST: '127.0.0.1',
    DEV_KEYS_DIR: join(o.work, 'keys'),
    WEFT_DATA_DIR: join(o.work, o.phase),
    WEFT_CATALOG_FILE: join(REPO, 'bench', 'catalog.json'),
    SHOPIFY_WEBHOOK_SECRET: DEV_SHOPIFY_SECRET,
    SHOPIFY_SHOP_DOMAIN: BENCH_SHOP,
    THROTTLE_READS_LIMIT: '1000000000',
    THROTTLE_WRITES_LIMIT: '1000000000',
    THROTTLE_WEBHOOKS_LIMIT: '1000000000',
    ...(process.env.WEFT_FIXTURES_DIR ? { WEFT_FIXTURES_DIR: process.env.WEFT_FIXTURES_DIR } : {}),
    ...(o.infra === 'real' ? { ...REAL_URLS, ...realPrefixes(o.runTag, o.phase) } : {}),
    ...o.extra,
  };
}
