import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { loadConfig, parseShopifyShops } from '@weft/config';
import { rawEnv } from '../inventory/env-json';

class ShopifyChannelEnv {
  /** admin-api: write to the shops through system-api; reference: record only (tests, embedded demos). */
  @IsOptional() @IsIn(['admin-api', 'reference']) SHOPIFY_WRITE_BACK?: 'admin-api' | 'reference';

  @IsOptional() @IsString() SHOPIFY_SHOPS?: string;

  /** How often each shop is caught up on orders whose webhook never came (0: only on demand). */
  @IsInt() @Min(0) @Max(86_400_000) SHOPIFY_CATCH_UP_INTERVAL_MS: number = 600_000;

  /** Each run re-reads this far behind the watermark, for orders Shopify indexed late. */
  @IsInt() @Min(0) @Max(86_400_000) SHOPIFY_CATCH_UP_OVERLAP_MS: number = 120_000;

  /** First run for a shop without a watermark looks back this far. */
  @IsInt() @Min(60_000) @Max(90 * 86_400_000) SHOPIFY_CATCH_UP_LOOKBACK_MS: number = 86_400_000;

  /**
   * A catch-up reaching further back than this many days runs as a Shopify bulk operation (one query
   * Shopify runs on its side, read back as a file) instead of paging orders 100 at a time (0: never).
   */
  @IsInt() @Min(0) @Max(3650) SHOPIFY_CATCH_UP_BULK_AFTER_DAYS: number = 7;

  /** How often a running bulk operation is polled, and how long it may run before the catch-up gives up. */
  @IsInt() @Min(10) @Max(600_000) SHOPIFY_BULK_POLL_MS: number = 2_000;
  @IsInt() @Min(1000) @Max(86_400_000) SHOPIFY_BULK_TIMEOUT_MS: number = 1_800_000;

  /** process-api → system-api for Shopify calls: long enough for system-api to wait out a throttle. */
  @IsInt() @Min(1000) @Max(300_000) SHOPIFY_CALL_TIMEOUT_MS: number = 30_000;
}

export class ShopifyChannelConfig {
  constructor(
    readonly writeBack: 'admin-api' | 'reference',
    readonly catchUpIntervalMs: number,
    readonly catchUpOverlapMs: number,
    readonly catchUpLookbackMs: number,
    readonly callTimeoutMs: number,
    readonly bulk: { afterDays: number; pollMs: number; timeoutMs: number } = { afterDays: 0, pollMs: 2000, timeoutMs: 1_800_000 },
  ) {}
}

/** Write-back defaults to the Admin API as soon as SHOPIFY_SHOPS gives a shop an Admin access token. */
export function loadShopifyChannelConfig(config: object): ShopifyChannelConfig {
  const env = loadConfig(ShopifyChannelEnv, rawEnv(config));
  const shops = env.SHOPIFY_SHOPS ? parseShopifyShops(env.SHOPIFY_SHOPS, 'unused-by-process-api') : [];
  const writeBack = env.SHOPIFY_WRITE_BACK ?? (shops.some((s) => s.adminAccessToken) ? 'admin-api' : 'reference');
  return new ShopifyChannelConfig(
    writeBack,
    env.SHOPIFY_CATCH_UP_INTERVAL_MS,
    env.SHOPIFY_CATCH_UP_OVERLAP_MS,
    env.SHOPIFY_CATCH_UP_LOOKBACK_MS,
    env.SHOPIFY_CALL_TIMEOUT_MS,
    { afterDays: env.SHOPIFY_CATCH_UP_BULK_AFTER_DAYS, pollMs: env.SHOPIFY_BULK_POLL_MS, timeoutMs: env.SHOPIFY_BULK_TIMEOUT_MS },
  );
}
