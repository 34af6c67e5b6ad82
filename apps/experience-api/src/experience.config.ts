import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { DEV_SHOPIFY_WEBHOOK_SECRET, parseShopifyShops, ProductionRefusal, ShopifyShop, WeftConfig } from '@weft/config';

export class ExperienceConfig extends WeftConfig {
  /** Where the operations dashboard's bundle is (default: dist/ops-ui, written by npm run build). */
  @IsOptional()
  @IsString()
  OPS_UI_DIR?: string;

  /** Shopify app client secret: X-Shopify-Hmac-Sha256 is verified with it. */
  @IsString()
  @MinLength(8)
  SHOPIFY_WEBHOOK_SECRET = DEV_SHOPIFY_WEBHOOK_SECRET;

  /** Several storefronts: a JSON list of shops (or the path of a JSON file); see parseShopifyShops(). */
  @IsOptional()
  @IsString()
  SHOPIFY_SHOPS?: string;

  /** The one shop of a single-shop setup (SHOPIFY_SHOPS absent), verified with SHOPIFY_WEBHOOK_SECRET. */
  @Matches(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, { message: 'SHOPIFY_SHOP_DOMAIN must be <name>.myshopify.com' })
  SHOPIFY_SHOP_DOMAIN = 'weft-dev.myshopify.com';

  /**
   * Fastify trustProxy: `false` (the peer is the client), `true`, a hop count, or a comma-separated list
   * of proxy addresses/CIDRs whose X-Forwarded-For is believed. The client address keys the limits below.
   */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or addresses',
  })
  TRUST_PROXY = 'false';

  /** Requests per client address that fail authentication (no or bad token, bad HMAC) before the address waits. */
  @IsInt() @Min(1) THROTTLE_UNAUTHENTICATED_LIMIT: number = 30;
  @IsInt() @Min(1) THROTTLE_UNAUTHENTICATED_WINDOW_SECONDS: number = 60;

  /** Idempotency-Key retention (draft-ietf-httpapi-idempotency-key-header asks servers to publish it). */
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  IDEMPOTENCY_TTL_SECONDS: number = 24 * 3600;

  /**
   * How long a completed Idempotency-Key record is kept (embedded store; Redis expires its own keys).
   * Unset: IDEMPOTENCY_TTL_SECONDS. Never shorter than it, or a retry inside the TTL would run twice.
   */
  @IsOptional()
  @IsInt()
  @Max(365 * 24 * 3600)
  @ValidateBy({
    name: 'notBelowIdempotencyTtl',
    validator: {
      validate: (value: unknown, args) => typeof value === 'number' && value >= (args?.object as ExperienceConfig).IDEMPOTENCY_TTL_SECONDS,
      defaultMessage: () => 'RETENTION_IDEMPOTENCY_SECONDS must not be below IDEMPOTENCY_TTL_SECONDS',
    },
  })
  RETENTION_IDEMPOTENCY_SECONDS?: number;

  /**
   * Stored Shopify deliveries (the inbox), whose dedupe key recognises a redelivery. Shopify retries a
   * failed delivery for at most 48 hours, so the floor of 3 days keeps every retry deduplicated.
   */
  @IsInt()
  @Min(3)
  @Max(3650)
  RETENTION_INBOX_DAYS: number = 30;

  get idempotencyRetentionSeconds(): number {
    return this.RETENTION_IDEMPOTENCY_SECONDS ?? this.IDEMPOTENCY_TTL_SECONDS;
  }

  @IsInt() @Min(1) THROTTLE_READS_LIMIT: number = 600;
  @IsInt() @Min(1) THROTTLE_READS_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) THROTTLE_WRITES_LIMIT: number = 120;
  @IsInt() @Min(1) THROTTLE_WRITES_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) THROTTLE_WEBHOOKS_LIMIT: number = 1200;
  @IsInt() @Min(1) THROTTLE_WEBHOOKS_WINDOW_SECONDS: number = 60;

  /** Deprecation registry: JSON list of {method, path, deprecatedAt, sunsetAt?, successor?}. */
  @IsString()
  DEPRECATIONS = '[]';

  private shops?: ShopifyShop[];

  /** The shops whose webhooks are accepted: SHOPIFY_SHOPS, or the one shop of SHOPIFY_SHOP_DOMAIN. */
  get shopifyShops(): ShopifyShop[] {
    this.shops ??= parseShopifyShops(this.SHOPIFY_SHOPS, this.SHOPIFY_WEBHOOK_SECRET, this.SHOPIFY_SHOP_DOMAIN);
    return this.shops;
  }

  override productionRefusals(): ProductionRefusal[] {
    const refusals = super.productionRefusals();
    if (!this.JWT_JWKS_URI && !this.JWT_PUBLIC_KEY) {
      refusals.push({ variable: 'JWT_JWKS_URI', reason: "or JWT_PUBLIC_KEY must name the identity provider's key for channel tokens" });
    }
    const shopsVariable = this.SHOPIFY_SHOPS ? 'SHOPIFY_SHOPS' : 'SHOPIFY_WEBHOOK_SECRET';
    if (this.shopifyShops.some((shop) => shop.webhookSecrets.includes(DEV_SHOPIFY_WEBHOOK_SECRET))) {
      refusals.push({ variable: shopsVariable, reason: "must hold the Shopify app's own secret, not the published development one" });
    }
    return refusals;
  }

  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false') return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }
}
