import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ShopifyCatchUpState } from './shopify-catch-up.entity';
import type { CatchUpPage, CatchUpRun } from './shopify-catch-up.service';

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export class CatchUpRequestDto {
  @Matches(SHOP) shop: string;
  /** Default: the shop's watermark less SHOPIFY_CATCH_UP_OVERLAP_MS. */
  @IsOptional() @IsISO8601() since?: string;
}

export class CatchUpPageRequestDto {
  @Matches(SHOP) shop: string;
  @IsISO8601() since: string;
  @IsOptional() @IsString() @MaxLength(500) after?: string;
}

export class CatchUpCountQueryDto {
  @Matches(SHOP) shop: string;
  @IsISO8601() since: string;
}

export class CatchUpCountDto {
  count: number;
}

export class CatchUpPageDto implements CatchUpPage {
  shop: string;
  seen: number;
  fed: number;
  fedOrders: string[];
  nextCursor: string | null;
  watermark: string;
}

export class CatchUpRunDto implements CatchUpRun {
  shop: string;
  since: string;
  pages: number;
  seen: number;
  fed: number;
  fedOrders: string[];
  watermark: string;
}

export class CatchUpStateDto {
  shop: string;
  watermark: string;
  lastRunAt: string;
  lastSeen: number;
  lastFed: number;
  lastError: string | null;
}

export function mapCatchUpState(s: ShopifyCatchUpState): CatchUpStateDto {
  return { shop: s.shop, watermark: s.watermark, lastRunAt: s.lastRunAt, lastSeen: s.lastSeen, lastFed: s.lastFed, lastError: s.lastError };
}
