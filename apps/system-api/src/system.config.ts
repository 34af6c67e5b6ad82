import { IsIn, IsInt, IsJSON, IsNumber, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { parseShopifyShops, ProductionRefusal, referenceAdapterRefusals, ShopifyShop, WeftConfig } from '@weft/config';

export class SystemConfig extends WeftConfig {
  @IsIn(['reference', 'tryton'])
  ERP_ADAPTER: 'reference' | 'tryton' = 'reference';

  @IsIn(['reference'])
  CRM_ADAPTER = 'reference' as const;

  /** The ERP's governance limit (NetSuite base tier: 5): system-api keeps this many calls in flight at most, across replicas with REDIS_URL; the reference ERP answers 429 beyond it. */
  @IsInt()
  @Min(1)
  @Max(1000)
  ERP_CONCURRENCY_LIMIT: number = 5;

  /** ERP calls started per ERP_RATE_WINDOW_MS across every replica (Redis), 0 for none: the ERP's request quota. */
  @IsInt() @Min(0) @Max(100000) ERP_RATE_LIMIT: number = 0;
  @IsInt() @Min(10) @Max(3600000) ERP_RATE_WINDOW_MS: number = 1000;

  /** Added latency per reference-ERP call, for resilience tests and benchmarks. */
  @IsInt()
  @Min(0)
  @Max(60000)
  ERP_LATENCY_MS: number = 0;

  /** Share of reference-ERP calls that fail with 503, for resilience tests. */
  @IsNumber()
  @Min(0)
  @Max(1)
  ERP_FAILURE_RATE: number = 0;

  /**
   * A reference-ERP reservation that no sales order confirms within this many seconds expires and gives its
   * stock back (an order stuck or abandoned between reserve and submit, a storefront order never paid).
   * 30 min: well beyond a healthy reserve→submit gap (seconds), short enough that stock is not hidden for long.
   */
  @IsInt() @Min(1) @Max(604800) RESERVATION_TTL_SECONDS: number = 1800;
  /** How often the expiry sweep runs, and how many reservations it expires per batch. */
  @IsInt() @Min(10) @Max(3600000) RESERVATION_SWEEP_INTERVAL_MS: number = 30000;
  @IsInt() @Min(1) @Max(10000) RESERVATION_SWEEP_BATCH: number = 200;
  /**
   * How often the ERP is asked for sales orders its own users cancelled (0: never), and how far back the
   * first run looks. Each cancellation goes up to process-api once, so the shop can be told.
   */
  @IsInt() @Min(0) @Max(3600000) ERP_CANCELLATION_POLL_MS: number = 60000;
  @IsInt() @Min(0) @Max(2592000000) ERP_CANCELLATION_LOOKBACK_MS: number = 86400000;
  /**
   * Each read starts this far behind the watermark: an ERP stamps a change when its transaction starts,
   * so one committed after the last read can carry an earlier time. Re-read cancellations emit nothing new.
   */
  @IsInt() @Min(0) @Max(86400000) ERP_CANCELLATION_OVERLAP_MS: number = 120000;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  TRYTON_URL?: string;

  @IsString() TRYTON_DATABASE = 'erp';
  @IsString() TRYTON_USER = 'admin';
  @IsOptional() @IsString() TRYTON_PASSWORD?: string;

  /** Weft location id → Tryton stock.location code or id, as JSON. */
  @IsJSON({ message: 'TRYTON_LOCATION_MAP must be a JSON object of location ids' })
  TRYTON_LOCATION_MAP = '{"WH-MAIN":"WH"}';

  get trytonLocationMap(): Record<string, string> {
    return JSON.parse(this.TRYTON_LOCATION_MAP) as Record<string, string>;
  }

  /** Calls in flight to one Tryton database; 1 because its SQLite backend is unsafe under parallel writes. */
  @IsInt()
  @Min(1)
  @Max(64)
  TRYTON_MAX_CONCURRENCY: number = 1;

  override productionRefusals(): ProductionRefusal[] {
    return [
      ...super.productionRefusals(),
      ...referenceAdapterRefusals(this.WEFT_ALLOW_REFERENCE_ADAPTERS, { ERP_ADAPTER: this.ERP_ADAPTER, CRM_ADAPTER: this.CRM_ADAPTER }),
    ];
  }

  /** The shops Weft serves (JSON list, or a file path); system-api uses each one's Admin API credentials. */
  @IsOptional() @IsString() SHOPIFY_SHOPS?: string;

  /** Per Admin API call; a timed-out idempotent call is sent again, a fulfilment is re-read first. */
  @IsInt()
  @Min(500)
  @Max(120000)
  SHOPIFY_TIMEOUT_MS: number = 10000;

  /** Calls in flight to one shop. */
  @IsInt()
  @Min(1)
  @Max(32)
  SHOPIFY_CONCURRENCY: number = 4;

  /** THROTTLED or 429 answers waited out per call before it fails as unavailable. */
  @IsInt()
  @Min(0)
  @Max(20)
  SHOPIFY_THROTTLE_RETRIES: number = 6;

  /** Cost points left in each shop's bucket, so pacing never runs it dry. */
  @IsInt()
  @Min(0)
  @Max(1000)
  SHOPIFY_RESERVE_POINTS: number = 50;

  get shopifyShops(): ShopifyShop[] {
    // Webhook secrets are experience-api's concern; without SHOPIFY_SHOPS there is no Admin API shop.
    return this.SHOPIFY_SHOPS ? parseShopifyShops(this.SHOPIFY_SHOPS, 'unused-by-system-api') : [];
  }
}
