import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every verified Shopify delivery, stored before it is acknowledged. */
@Entity('shopify_inbox')
export class ShopifyInboxRecord {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  /** shop + topic + X-Shopify-Event-Id (fallback X-Shopify-Webhook-Id): the same event of the same shop stored once. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 300 }) dedupeKey: string;
  @Column({ type: 'varchar', length: 100 }) topic: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) shopDomain: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) webhookId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) eventId: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) apiVersion: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) triggeredAt: string | null;
  @Column({ type: 'varchar', length: 16 }) status: 'accepted' | 'ignored';
  @Column({ type: 'text' }) body: string;
  /** Indexed for retention: pruning deletes the oldest deliveries in small batches. */
  @Index('IDX_shopify_inbox_received_at') @Column({ type: 'varchar', length: 30 }) receivedAt: string;
}
