import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The golden record: one person across every system. */
@Entity('customer_golden')
export class GoldenCustomer {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  /** Match keys, kept in step with the attributes: normalised e-mail, E.164 phone, loyalty id. */
  @Index() @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Index() @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Index() @Column({ type: 'varchar', length: 100, nullable: true }) loyaltyId: string | null;
  /** Every attribute (CustomerAttributes) as JSON. */
  @Column({ type: 'text' }) attributes: string;
  /** Set when this record was merged into another: reads of this id resolve there. */
  @Index() @Column({ type: 'varchar', length: 40, nullable: true }) mergedInto: string | null;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
  @Column({ type: 'varchar', length: 30 }) updatedAt: string;
}

/** One system's id for a golden record; a system id belongs to one record at a time. */
@Entity('customer_xref')
export class CustomerXref {
  @PrimaryColumn({ type: 'varchar', length: 20 }) system: string;
  @PrimaryColumn({ type: 'varchar', length: 200 }) systemId: string;
  @Index() @Column({ type: 'varchar', length: 40 }) goldenId: string;
  @Column({ type: 'varchar', length: 30 }) linkedAt: string;
}

/** Every change and every refused change: who, when, from which system, old → new. */
@Entity('customer_audit')
@Index(['goldenId', 'at'])
export class CustomerAudit {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 40 }) goldenId: string;
  /** created | set | rejected | linked | merged | merged-into | possible-duplicate */
  @Column({ type: 'varchar', length: 24 }) kind: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) attribute: string | null;
  @Column({ type: 'text', nullable: true }) oldValue: string | null;
  @Column({ type: 'text', nullable: true }) newValue: string | null;
  @Column({ type: 'varchar', length: 20 }) sourceSystem: string;
  @Column({ type: 'varchar', length: 200 }) actor: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) detail: string | null;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

/** A change sent on to another system (never back to the one it came from). */
@Entity('customer_propagations')
@Index(['goldenId', 'at'])
export class CustomerPropagation {
  @PrimaryColumn({ type: 'varchar', length: 64 }) eventId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) target: string;
  @Column({ type: 'varchar', length: 40 }) goldenId: string;
  @Column({ type: 'varchar', length: 20 }) sourceSystem: string;
  @Column({ type: 'varchar', length: 200 }) targetId: string;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

export const CUSTOMER_ENTITIES = [GoldenCustomer, CustomerXref, CustomerAudit, CustomerPropagation];
