import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VisitMethod, VisitOutcome } from './registry-types';

/** One contact of a cadre with a person or an employer (exactly one of the two ids is set). Never rewritten. */
@Entity('registry_visit')
export class Visit {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column({ name: 'person_id', type: 'bigint', nullable: true })
  personId: string | null;
  @Column({ name: 'employer_id', type: 'bigint', nullable: true })
  employerId: string | null;
  @Column({ name: 'org_unit_path', type: 'text' })
  orgUnitPath: string;
  @Column({ name: 'visitor_id', type: 'int', nullable: true })
  visitorId: number | null;
  @Column({ name: 'visited_at', type: 'timestamptz' })
  visitedAt: Date;
  @Column('text')
  method: VisitMethod;
  @Column('text')
  outcome: VisitOutcome;
  @Column({ name: 'proof_reference', type: 'text', nullable: true })
  proofReference: string | null;
  @Column({ name: 'ineligible_reason', type: 'text', nullable: true })
  ineligibleReason: string | null;
  @Column({ type: 'text', nullable: true })
  note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
