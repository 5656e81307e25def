import type { Campaign, CampaignMember, CampaignMilestone, CampaignPhase, Indicator } from '../campaigns.types';

/** A campaign with phases, milestones, members, indicators and its top-level tasks. */
export interface CampaignView extends Campaign {
  phases: CampaignPhase[];
  milestones: CampaignMilestone[];
  members: (CampaignMember & { username: string; displayName: string })[];
  indicators: Indicator[];
  topTasks: { id: number; indicatorId: number; target: string; deadline: string; status: string }[];
}
