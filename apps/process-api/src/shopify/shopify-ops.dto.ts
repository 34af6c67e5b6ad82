import { ArrayMaxSize, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ShopifyCatchUpState } from './shopify-catch-up.entity';
import type { CatchUpPage, CatchUpRun } from './shopify-catch-up.service';

const SHOP = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export class CatchUpRequestDto {
  @Matches(SHOP) @MaxLength(255) shop: string;
  /** Default: the shop's watermark less SHOPIFY_CATCH_UP_OVERLAP_MS. */
  @IsOptional() @IsISO8601() @MaxLength(40) since?: string;
}

export class CatchUpPageRequestDto {
  @Matches(SHOP) @MaxLength(255) shop: string;
  @IsISO8601() @MaxLength(40) since: string;
  @IsOptional() @IsString() @MaxLength(500) after?: string;
}

export class CatchUpCountQueryDto {
  @Matches(SHOP) @MaxLength(255) shop: string;
  @IsISO8601() @MaxLength(40) since: string;
}

export class CatchUpCountDto {
  count: number;
}

export class CatchUpPageDto implements CatchUpPage {
  @MaxLength(255) shop: string;
  seen: number;
  fed: number;
  @ArrayMaxSize(250) @MaxLength(200, { each: true }) fedOrders: string[];
  @MaxLength(500) nextCursor: string | null;
  @MaxLength(40) watermark: string;
}

export class CatchUpRunDto implements CatchUpRun {
  @MaxLength(255) shop: string;
  @MaxLength(40) since: string;
  @IsIn(['query', 'bulk']) via: 'query' | 'bulk';
  pages: number;
  seen: number;
  fed: number;
  /** A run is not capped in pages; this bound only documents the response (a page holds at most 250). */
  @ArrayMaxSize(100_000) @MaxLength(200, { each: true }) fedOrders: string[];
  @MaxLength(40) watermark: string;
}

export class CatchUpStateDto {
  @MaxLength(255) shop: string;
  @MaxLength(40) watermark: string;
  @MaxLength(40) lastRunAt: string;
  lastSeen: number;
  lastFed: number;
  @MaxLength(2000) lastError: string | null;
}

export function mapCatchUpState(s: ShopifyCatchUpState): CatchUpStateDto {
  return { shop: s.shop, watermark: s.watermark, lastRunAt: s.lastRunAt, lastSeen: s.lastSeen, lastFed: s.lastFed, lastError: s.lastError };
}
