import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Shopify fulfilment per ERP shipment: fulfillmentCreate has no idempotency key, so Weft keeps one. */
@Entity('shopify_fulfilments')
export class ShopifyFulfilmentRecord {
  @PrimaryColumn({ type: 'varchar', length: 240 }) shipmentKey: string;
  @Column({ type: 'varchar', length: 100 }) shop: string;
  @Column({ type: 'varchar', length: 80 }) orderId: string;
  @Column({ type: 'varchar', length: 80 }) fulfillmentId: string;
  @Column({ type: 'varchar', length: 30 }) status: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

export const SHOPIFY_ENTITIES = [ShopifyFulfilmentRecord];
