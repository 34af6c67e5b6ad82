import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A fact that arrived before its order (a capture before orders/create); applied when the order comes. */
@Entity('pending_order_facts')
export class PendingOrderFact {
  @PrimaryColumn({ type: 'varchar', length: 260 }) id: string;
  @Index() @Column({ type: 'varchar', length: 240 }) businessKey: string;
  @Column({ type: 'varchar', length: 20 }) kind: 'capture';
  @Column({ type: 'text' }) payload: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}
