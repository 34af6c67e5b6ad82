import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far system-api has read one of the ERP's feeds (today: its cancellations), and how the last read went. */
@Entity('erp_feed_cursors')
export class ErpFeedCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 }) feed: string;
  /** The latest ERP time read (ISO 8601); the next read starts here, inclusive, so a tie is not skipped. */
  @Column({ type: 'varchar', length: 30 }) watermark: string;
  @Column({ type: 'varchar', length: 30 }) lastRunAt: string;
  @Column({ type: 'integer', default: 0 }) lastSeen: number;
  @Column({ type: 'varchar', length: 300, nullable: true }) lastError: string | null;
}

export const ERP_FEED_ENTITIES = [ErpFeedCursor];
