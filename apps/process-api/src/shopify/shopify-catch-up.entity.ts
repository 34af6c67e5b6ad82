import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per shop: up to when orders have been caught up, and how the last run went. */
@Entity('shopify_catch_up')
export class ShopifyCatchUpState {
  @PrimaryColumn({ type: 'varchar', length: 100 }) shop: string;
  /** The latest Shopify `updatedAt` caught up on. */
  @Column({ type: 'varchar', length: 30 }) watermark: string;
  @Column({ type: 'varchar', length: 30 }) lastRunAt: string;
  @Column({ type: 'integer', default: 0 }) lastSeen: number;
  @Column({ type: 'integer', default: 0 }) lastFed: number;
  @Column({ type: 'varchar', length: 300, nullable: true }) lastError: string | null;
}
