import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A campaign's settings (jsonb). Later issues read these: reminders (deadline enforcement), escalation window,
 * time and refusal threshold (enforcement), incentive tiers A, B, X, Y, Z (progress, seed 000).
 */
export interface CampaignSettings {
  /** Days before a deadline or milestone at which a task holder is reminded. */
  reminderOffsetsDays: number[];
  /** Whether an allocation's lines may add up to more than the parent target (counts and amounts). */
  allowOverAllocation: boolean;
  /** Escalation window as MM-DD, inclusive (seed 002: September to November). */
  escalationWindow: { from: string; to: string };
  /** Wall-clock time (Asia/Shanghai) of an escalation cutoff. */
  escalationTime: string;
  /** Visits ending in refusal after which an employer becomes an escalation candidate. */
  refusalThreshold: number;
  /** Incentive tiers of seed 000 (set by the progress library when used). */
  incentives?: { a?: number; b?: number; x?: number; y?: number; z?: number };
  [key: string]: unknown;
}

export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = {
  reminderOffsetsDays: [7, 3, 1],
  allowOverAllocation: false,
  escalationWindow: { from: '09-01', to: '11-30' },
  escalationTime: '17:00',
  refusalThreshold: 3,
};

/** Settings as stored, completed by the defaults (a campaign created before a setting existed still reads it). */
export function campaignSettings(stored: Partial<CampaignSettings> | null | undefined): CampaignSettings {
  return { ...DEFAULT_CAMPAIGN_SETTINGS, ...(stored ?? {}) } as CampaignSettings;
}

@Entity('campaign')
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;
  /** The level that runs the campaign. */
  @Column({ name: 'org_unit_id', type: 'int' })
  orgUnitId: number;
  @Column('text')
  name: string;
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;
  @Column('text')
  status: CampaignStatus;
  @Column('jsonb')
  settings: CampaignSettings;
  /** Name of the leadership group's office (办公室); its people are campaign members with body 'office'. */
  @Column({ name: 'office_name', type: 'text', nullable: true })
  officeName: string | null;
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
