import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { WeftConfig } from '@weft/config';

export class ExperienceConfig extends WeftConfig {
  /** Shopify app client secret: X-Shopify-Hmac-Sha256 is verified with it. */
  @IsString()
  @MinLength(8)
  SHOPIFY_WEBHOOK_SECRET = 'weft-dev-shopify-secret';

  /** Idempotency-Key retention (draft-ietf-httpapi-idempotency-key-header asks servers to publish it). */
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  IDEMPOTENCY_TTL_SECONDS: number = 24 * 3600;

  @IsInt() @Min(1) THROTTLE_READS_LIMIT: number = 600;
  @IsInt() @Min(1) THROTTLE_READS_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) THROTTLE_WRITES_LIMIT: number = 120;
  @IsInt() @Min(1) THROTTLE_WRITES_WINDOW_SECONDS: number = 60;
  @IsInt() @Min(1) THROTTLE_WEBHOOKS_LIMIT: number = 1200;
  @IsInt() @Min(1) THROTTLE_WEBHOOKS_WINDOW_SECONDS: number = 60;

  /** Deprecation registry: JSON list of {method, path, deprecatedAt, sunsetAt?, successor?}. */
  @IsString()
  DEPRECATIONS = '[]';
}
