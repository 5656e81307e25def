import { OrgReader } from '#org';
import { CampaignReader } from '#campaigns';
import { JobPayload, WorkingCalendar } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BulletinContent } from '../dto/bulletin.types';
import { BulletinRepository } from '../repositories/bulletin.repository';
import { RollupRepository } from '../repositories/rollup.repository';
import { bulletinSection, bulletinTitle, issuerName } from '../rules/bulletin-content';
import { loadCampaign } from './campaign-context';
import { buildDashboard } from './dashboard.service';
import { unreportedForBulletin } from './reporting-completeness.service';
import { forecastForBulletin } from './forecast.service';
import { ReportingCompletenessRepository } from '../repositories/reporting-completeness.repository';

/** Builds a bulletin from the dashboard of its date and stores it (once per campaign, issuing unit, cadence and period). */
@Injectable()
export class BulletinStore {
  constructor(
    private readonly campaigns: CampaignReader,
    private readonly bulletins: BulletinRepository,
    private readonly units: OrgReader,
    private readonly rollups: RollupRepository,
    private readonly completeness: ReportingCompletenessRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Builds the bulletin content and inserts it unless its series has one for the period: { id, issueNo, content } of the new row, or null. */
  async store(m: EntityManager, p: JobPayload<'progress.bulletin'>, now: Date): Promise<{ id: number; issueNo: number; content: BulletinContent } | null> {
    const c = await loadCampaign(this.campaigns, m, p.campaignId);
    const sources = { rollups: this.rollups, campaigns: this.campaigns, units: this.units };
    const dash = await buildDashboard(m, sources, c.id, p.unitId, p.date, c);
    const unit = (await this.units.unit(m, p.unitId))!;
    const content: BulletinContent = {
      title: bulletinTitle(c.name, p.cadence),
      issuer: issuerName(unit.name),
      campaignName: c.name,
      unitName: unit.name,
      date: p.date,
      expectedPct: dash.expectedPct,
      sections: dash.indicators.map((ind) => bulletinSection(ind, { date: p.date, unitName: unit.name })),
      unreported: await unreportedForBulletin(m, { repo: this.completeness, campaigns: this.campaigns, units: this.units }, c.id, p.unitId, p.date),
      forecast: await forecastForBulletin(m, sources, this.calendar, c, p.unitId, p.date, dash),
    };
    const row = await this.bulletins.insert(m, {
      campaignId: c.id,
      unitId: p.unitId,
      cadence: p.cadence,
      periodEnd: p.periodEnd,
      date: p.date,
      trigger: p.trigger,
      requestedBy: p.requestedBy,
      generatedAt: now,
      content,
    });
    return row ? { ...row, content } : null;
  }
}
