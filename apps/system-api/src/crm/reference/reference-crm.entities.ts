import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('crm_contacts')
export class CrmContactRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 32, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) firstName: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) lastName: string | null;
  /** JSON list of Weft customer keys known to belong to this contact. */
  @Column({ type: 'text' }) customerKeys: string;
  @Column({ type: 'boolean', nullable: true }) marketingConsent: boolean | null;
  @Column({ type: 'varchar', length: 30 }) createdAt: string;
}

@Entity('crm_activities')
export class CrmActivityRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Index() @Column({ type: 'varchar', length: 40 }) contactId: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 250 }) activityKey: string;
  @Column({ type: 'varchar', length: 60 }) kind: string;
  @Column({ type: 'varchar', length: 500 }) summary: string;
  @Column({ type: 'text', nullable: true }) data: string | null;
  @Column({ type: 'varchar', length: 30 }) at: string;
}

export const REFERENCE_CRM_ENTITIES = [CrmContactRow, CrmActivityRow];
