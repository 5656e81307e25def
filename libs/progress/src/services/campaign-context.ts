import { CampaignReader } from '#campaigns';
import { DomainError } from '#core';
import { EntityManager } from 'typeorm';
import { CampaignContext, progressSettings } from '../rules/campaign-progress';
import { Exact } from '../rules/exact';

export type { CampaignContext, IndicatorInfo, ProgressSettings } from '../rules/campaign-progress';

/** The campaign with its milestones and indicators, read through the campaigns library's reader (404 for an unknown one). */
export async function loadCampaign(campaigns: CampaignReader, m: EntityManager, campaignId: number): Promise<CampaignContext> {
  const c = await campaigns.campaign(m, campaignId);
  if (!c) throw DomainError.notFound('campaign', campaignId);
  const ms = await campaigns.milestones(m, campaignId);
  const inds = await campaigns.indicators(m, campaignId);
  return {
    id: c.id,
    name: c.name,
    orgUnitId: c.orgUnitId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: c.status,
    settings: progressSettings(c.settings),
    // campaign_milestone.percent is 25 for 25 %
    milestones: ms.map((x) => ({ due: x.due, rate: Exact.of(x.percent).div(100).toDecimalString(12) })),
    indicators: inds,
  };
}
