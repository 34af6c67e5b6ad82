import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The projection of the ERP's stock per SKU and location, as last read from the ERP. */
@Entity('inventory_stock')
export class StockProjection {
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) locationId: string;
  @Column({ type: 'integer' }) onHand: number;
  @Column({ type: 'integer' }) reserved: number;
  /** When the ERP figures were read (a later read never loses to an earlier one). */
  @Column({ type: 'varchar', length: 30 }) erpAsOf: string;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}

/**
 * Units an order took in Weft before the ERP knows (a POS sale: the goods left at the till). Open
 * until the ERP reserved, shipped or cancelled it; a closing event seen first leaves a closed row, so
 * arrival order does not matter.
 */
@Entity('inventory_holds')
@Index(['sku', 'locationId', 'open'])
export class StockHold {
  @PrimaryColumn({ type: 'varchar', length: 240 }) orderKey: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) locationId: string;
  @Column({ type: 'integer' }) quantity: number;
  @Column({ type: 'boolean' }) open: boolean;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

/** A channel reported a stock figure the ERP does not hold: recorded, never applied. */
@Entity('inventory_drift')
@Index(['sku', 'locationId'])
export class InventoryDrift {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 20 }) channel: string;
  @Column({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'varchar', length: 64 }) locationId: string;
  /** What the channel says is available (null: the channel sent no figure). */
  @Column({ type: 'integer', nullable: true }) channelValue: number | null;
  /** What Weft says the channel may sell, from the ERP's figures. */
  @Column({ type: 'integer' }) erpValue: number;
  @Column({ type: 'integer' }) onHand: number;
  @Column({ type: 'integer' }) reserved: number;
  @Column({ type: 'varchar', length: 300 }) source: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

/**
 * Every inventory write-back to a channel and how it ended: `written` (Shopify applied it), `drift`
 * (Shopify held another quantity than Weft last wrote: recorded, then corrected), `failed` (retried;
 * the detail says why), or `recorded` (the reference adapter, which calls nothing).
 */
@Entity('channel_inventory_writes')
@Index(['channel', 'sku', 'locationId'])
export class ChannelInventoryWrite {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 20 }) channel: string;
  /** The shop written to (its domain), so a write-back is attributable when several shops sell one SKU; null: the write named none (system-api's first shop), or a row from before the column. */
  @Column({ type: 'varchar', length: 255, nullable: true }) shop: string | null;
  @Column({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'varchar', length: 64 }) locationId: string;
  @Column({ type: 'varchar', length: 40 }) channelItemId: string;
  @Column({ type: 'varchar', length: 40 }) channelLocationId: string;
  @Column({ type: 'integer' }) available: number;
  @Column({ type: 'varchar', length: 200 }) reason: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
  @Column({ type: 'varchar', length: 12, default: 'recorded' }) status: 'written' | 'drift' | 'failed' | 'recorded';
  /** The idempotency key sent to Shopify: a retry of a failed write reuses it, so Shopify applies it once. */
  @Column({ type: 'varchar', length: 40, nullable: true }) writeKey: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) detail: string | null;
}

export const INVENTORY_ENTITIES = [StockProjection, StockHold, InventoryDrift, ChannelInventoryWrite];
