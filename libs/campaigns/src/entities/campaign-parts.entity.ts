import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A named date range of a campaign (seed 001: mobilisation, main push, consolidation). */
@Entity('campaign_phase')
export class CampaignPhase {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column('text')
  name: string;
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;
  @Column('int')
  ordinal: number;
}

/** Cumulative share of the target due by a date (序时进度), e.g. 31 Mar 25 %. percent is numeric: a string like '25.00'. */
@Entity('campaign_milestone')
export class CampaignMilestone {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;
  @Column({ type: 'numeric', precision: 5, scale: 2 })
  percent: string;
}

export const MEMBER_BODIES = ['leadership', 'office'] as const;
export type MemberBody = (typeof MEMBER_BODIES)[number];
export const MEMBER_ROLES = ['head', 'deputy', 'member', 'director'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** A person of the campaign's leadership group (head, deputy, member) or of its office (director, member). */
@Entity('campaign_member')
export class CampaignMember {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ name: 'campaign_id', type: 'int' })
  campaignId: number;
  @Column({ name: 'user_id', type: 'int' })
  userId: number;
  @Column('text')
  body: MemberBody;
  @Column('text')
  role: MemberRole;
  @Column({ type: 'text', nullable: true })
  title: string | null;
}
