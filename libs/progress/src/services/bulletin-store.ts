import { OrgReader } from '#org';
import { CampaignReader } from '#campaigns';
import { JobPayload } from '#core';
import { EntityManager } from 'typeorm';
import { BulletinContent } from '../dto/bulletin.types';
import { Dashboard } from '../dto/dashboard.types';
import { BulletinRepository } from '../repositories/bulletin.repository';
import { bulletinSection } from '../rules/bulletin-content';
import { CampaignContext, loadCampaign } from './campaign-context';

/** Where a bulletin's campaign and unit are read and the bulletin is stored. */
export interface BulletinStores {
  campaigns: CampaignReader;
  bulletins: BulletinRepository;
  units: OrgReader;
}

/** Builds the bulletin content and inserts it unless (campaign, unit, date) already has one: { id, content } of the new row, or null. */
export async function storeBulletin(
  m: EntityManager,
  dashboards: { build: (m: EntityManager, campaignId: number, unitId: number, date: string, c?: CampaignContext) => Promise<Dashboard> },
  p: JobPayload<'progress.bulletin'>,
  now: Date,
  stores: BulletinStores = { campaigns: new CampaignReader(), bulletins: new BulletinRepository(), units: new OrgReader() },
): Promise<{ id: number; content: BulletinContent } | null> {
  const c = await loadCampaign(stores.campaigns, m, p.campaignId);
  const dash = await dashboards.build(m, c.id, p.unitId, p.date, c);
  const unit = (await stores.units.unit(m, p.unitId))!;
  const content: BulletinContent = {
    campaignName: c.name,
    unitName: unit.name,
    date: p.date,
    expectedPct: dash.expectedPct,
    sections: dash.indicators.map(bulletinSection),
  };
  const id = await stores.bulletins.insert(m, {
    campaignId: c.id,
    unitId: p.unitId,
    date: p.date,
    trigger: p.trigger,
    requestedBy: p.requestedBy,
    generatedAt: now,
    content,
  });
  return id !== undefined ? { id, content } : null;
}
