import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The audit log of the exception queue: every retry, replay and discard, who did it and why. */
@Entity('operator_actions')
@Index(['targetId'])
@Index(['at'])
export class OperatorAction {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 200 }) actor: string;
  @Column({ type: 'varchar', length: 20 }) action: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 64 }) targetId: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 500 }) outcome: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}
