import { cutoffIso, RetentionRule } from '@weft/platform';
import { ShopifyInboxRecord } from './shopify-inbox.entity';

/** Deliveries past retention: Shopify's retries of one are over long before (RETENTION_INBOX_DAYS has a floor). */
export function inboxRetentionRule(days: number): RetentionRule {
  return {
    table: 'shopify_inbox',
    entity: ShopifyInboxRecord,
    oldestFirst: 'receivedAt',
    prunable: (q, now) => q.where('t.receivedAt <= :cutoff', { cutoff: cutoffIso(now, days) }),
  };
}
