import { IsString, Matches, MaxLength } from 'class-validator';
import { OrderDto } from './order.dto';

export class OrderSearchQueryDto {
  /** Any id of an order: Weft id, Shopify id or name (#1001), ERP number or id, POS sale, request id, trace id. */
  @IsString() @MaxLength(200) @Matches(/^[A-Za-z0-9#._:@/-]+$/) q: string;
}

export const ORDER_SEARCH_MATCHES = [
  'id',
  'externalId',
  'orderNumber',
  'erpOrderNumber',
  'erpSalesOrderId',
  'businessKey',
  'traceId',
  'requestId',
] as const;
export type OrderSearchMatch = (typeof ORDER_SEARCH_MATCHES)[number];

export class OrderSearchResultDto {
  /** Which id matched. */
  matchedBy: OrderSearchMatch;
  /** The W3C trace id the order was created under: look it up in the tracing backend. */
  @MaxLength(32) traceId: string | null;
  /** The order with its timeline. */
  order: OrderDto;
}

export function mapOrderSearchResult(matchedBy: OrderSearchMatch, traceId: string | null, order: OrderDto): OrderSearchResultDto {
  return { matchedBy, traceId, order };
}
