import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CampaignSettings } from '../settings/settings.types';

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

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
  /** Read through readCampaignSettings (settings/read-settings.ts), written through CampaignSettingsService. */
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
