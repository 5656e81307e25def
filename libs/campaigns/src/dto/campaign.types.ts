import type { CampaignActions } from '../rules/permissions';
import type { Campaign, CampaignMember, CampaignMilestone, CampaignPhase, Indicator } from '../campaigns.types';

/** A campaign in the list, with its unit's name (what CampaignsService.list pages). */
export type CampaignListItem = Campaign & { unitName: string; can: CampaignActions };

/** A campaign with phases, milestones, members, indicators and its top-level tasks. */
export interface CampaignView extends Campaign {
  can: CampaignActions;
  phases: CampaignPhase[];
  milestones: CampaignMilestone[];
  members: (CampaignMember & { username: string; displayName: string })[];
  indicators: Indicator[];
  topTasks: { id: number; indicatorId: number; target: string; deadline: string; status: string }[];
}
