import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EntryStatus, SourceGroup, VisitOutcome } from './registry-types';

/** A person on a campaign's registry (扩面对象), unique per campaign by ID number. */
@Entity('registry_person')
export class Person {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  /** The village the entry belongs to. */
  @Column({ name: 'org_unit_id', type: 'int' })
  orgUnitId: number;
  @Column({ name: 'org_unit_path', type: 'text' })
  orgUnitPath: string;
  @Column({ name: 'id_number', type: 'text' })
  idNumber: string;
  @Column('text')
  name: string;
  @Column({ type: 'char', length: 1 })
  sex: 'M' | 'F';
  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;
  @Column({ type: 'text', nullable: true })
  phone: string | null;
  @Column({ type: 'text', nullable: true })
  address: string | null;
  @Column({ name: 'source_group', type: 'text' })
  sourceGroup: SourceGroup;
  @Column({ name: 'current_scheme', type: 'text', nullable: true })
  currentScheme: string | null;
  @Column({ name: 'insurance_status', type: 'text', nullable: true })
  insuranceStatus: string | null;
  @Column({ name: 'employer_uscc', type: 'text', nullable: true })
  employerUscc: string | null;
  @Column({ name: 'employer_id', type: 'bigint', nullable: true })
  employerId: string | null;
  @Column('text')
  status: EntryStatus;
  @Column({ name: 'cadre_id', type: 'int', nullable: true })
  cadreId: number | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;
  @Column({ name: 'visit_count', type: 'int' })
  visitCount: number;
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
