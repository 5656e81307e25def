import { AuditService, AuthUser, DomainError, FieldError, Queryable, validationError } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignSettingsDto } from '../dto/settings.dto';
import { CampaignRepository } from '../repositories/campaign.repository';
import { IndicatorRepository } from '../repositories/indicator.repository';
import { canRunCampaign } from '../rules/permissions';
import { mergeCampaignSettings, readCampaignSettings } from '../rules/read-settings';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';
import { CampaignSettings } from '../settings/settings.types';
import { CampaignAccessService } from './campaign-access.service';
import { DeadlinesService } from './deadlines.service';

/** Reads and writes campaign.settings: the only writer after creation. */
@Injectable()
export class CampaignSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlinesService,
    private readonly access: CampaignAccessService,
    private readonly campaigns: CampaignRepository,
    private readonly indicators: IndicatorRepository,
  ) {}

  /** What a new campaign starts with (settings.defaults.ts): the console's wizard reads it rather than keeping a copy. */
  defaults(): CampaignSettings {
    return structuredClone(DEFAULT_CAMPAIGN_SETTINGS);
  }

  async get(user: AuthUser, campaignId: number): Promise<CampaignSettings> {
    await this.access.load(this.dataSource.manager, user, campaignId);
    const c = (await this.campaigns.settings(this.dataSource, campaignId))!;
    return readCampaignSettings(c.settings);
  }

  /**
   * Changes the sections and fields given, keeps the rest, and stores the whole model (so the row holds
   * what GET answers). `field` renames a field (named from the settings root) as the caller's body names it.
   */
  async update(user: AuthUser, campaignId: number, patch: CampaignSettingsDto, field: (f: string) => string = (f) => f): Promise<CampaignSettings> {
    return this.dataSource.transaction(async (m) => {
      const access = await this.access.load(m, user, campaignId);
      if (!canRunCampaign(user, access)) throw DomainError.forbidden('只有本专项行动的领导小组或办公室可以修改设置');
      const c = (await this.campaigns.settings(m, campaignId, true))!;
      const before = readCampaignSettings(c.settings);
      const { settings, errors } = mergeCampaignSettings(before, patch as Record<string, object>);
      for (const key of ['inspectionIndicatorIds', 'rosterIndicatorIds'] as const) {
        const ids = patch.progress?.[key];
        if (ids) errors.push(...(await this.indicatorErrors(m, campaignId, ids, key)));
      }
      if (errors.length) throw validationError(errors.map((e) => ({ ...e, field: field(e.field) })));
      for (const key of ['inspectionIndicatorIds', 'rosterIndicatorIds'] as const)
        settings.progress[key] = [...new Set(settings.progress[key])].sort((a, b) => a - b);
      await this.campaigns.saveSettings(m, campaignId, JSON.stringify(settings));
      const reminders = (x: CampaignSettings) => JSON.stringify([x.deadlines.reminderOffsetsDays, x.notices.reminderTime]);
      // tasks exist from activation on: their pending reminders follow the new offsets and time, not only later tasks'
      if (reminders(settings) !== reminders(before)) await this.deadlines.replanReminders(m, campaignId, settings.deadlines.reminderOffsetsDays);
      await this.audit.record(m, user, {
        action: 'campaign.settings',
        entity: 'campaign',
        entityId: campaignId,
        orgUnitPath: access.unitPath,
        before,
        after: settings,
      });
      return settings;
    });
  }

  /** Inspection and roster credits go to count indicators of this campaign only: enrolments are people. */
  private async indicatorErrors(db: Queryable, campaignId: number, ids: number[], key: 'inspectionIndicatorIds' | 'rosterIndicatorIds'): Promise<FieldError[]> {
    const ok = await this.indicators.countIndicatorIds(db, campaignId, ids);
    const i = ids.findIndex((id) => !ok.includes(id));
    if (i < 0) return [];
    const what = key === 'rosterIndicatorIds' ? '参保库比对出的参保人数' : '监察结案的参保人数';
    return [{ field: `progress.${key}[${i}]`, message: `指标 ${ids[i]} 不是本专项行动的人数类指标，${what}只能计入人数类指标` }];
  }
}
