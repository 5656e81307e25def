import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const INDICATOR_UNITS = ['person', 'yuan', 'percent'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_KINDS = ['count', 'amount', 'ratio'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INSURANCE_TYPES = [
  'employee_pension',
  'resident_pension',
  'medical',
  'work_injury',
  'unemployment',
  'land_expropriated_farmers',
  'other',
] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

/** What a campaign counts. A ratio (参保率) has a numerator and a denominator and its targets are rates in percent. */
@Entity('indicator')
export class Indicator {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column('text')
  code: string;
  @Column('text')
  name: string;
  @Column('text')
  unit: IndicatorUnit;
  @Column('text')
  kind: IndicatorKind;
  @Column({ name: 'insurance_type', type: 'text' })
  insuranceType: InsuranceType;
  @Column({ name: 'numerator_label', type: 'text', nullable: true })
  numeratorLabel: string | null;
  @Column({ name: 'denominator_label', type: 'text', nullable: true })
  denominatorLabel: string | null;
  /** The campaign unit's own target (its top-level task's target once the campaign is active); numeric as string. */
  @Column({ name: 'top_target', type: 'numeric', precision: 18, scale: 2, nullable: true })
  topTarget: string | null;
}
