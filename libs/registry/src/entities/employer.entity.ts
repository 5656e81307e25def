import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EntryStatus, VisitOutcome } from './registry-types';

/**
 * An employer on a campaign's registry, unique per campaign by USCC. visit_count, refusal_count and
 * onsite_visit_count are kept by the visit service in the visit's transaction, so "employers with N
 * visits ending in refusal" is an indexed read (registry_employer_refusal_idx).
 */
@Entity('registry_employer')
export class Employer {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  /** The village or town the employer belongs to. */
  @Column({ name: 'org_unit_id', type: 'int' })
  orgUnitId: number;
  @Column({ name: 'org_unit_path', type: 'text' })
  orgUnitPath: string;
  @Column('text')
  uscc: string;
  @Column('text')
  name: string;
  @Column({ name: 'legal_representative', type: 'text', nullable: true })
  legalRepresentative: string | null;
  @Column({ type: 'text', nullable: true })
  address: string | null;
  @Column({ type: 'text', nullable: true })
  industry: string | null;
  @Column({ name: 'staff_count', type: 'int' })
  staffCount: number;
  @Column({ name: 'insured_count', type: 'int' })
  insuredCount: number;
  @Column({ name: 'uninsured_count', type: 'int' })
  uninsuredCount: number;
  @Column({ type: 'text', array: true })
  flags: string[];
  @Column('text')
  status: EntryStatus;
  @Column({ name: 'cadre_id', type: 'int', nullable: true })
  cadreId: number | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;
  @Column({ name: 'visit_count', type: 'int' })
  visitCount: number;
  /** Visits whose outcome was refused. */
  @Column({ name: 'refusal_count', type: 'int' })
  refusalCount: number;
  /** Door-to-door visits (the on-site visit required at 50+ uninsured staff). */
  @Column({ name: 'onsite_visit_count', type: 'int' })
  onsiteVisitCount: number;
  @Column({ name: 'last_visit_at', type: 'timestamptz', nullable: true })
  lastVisitAt: Date | null;
  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome: VisitOutcome | null;
  @Column({ name: 'import_job_id', type: 'bigint', nullable: true })
  importJobId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
