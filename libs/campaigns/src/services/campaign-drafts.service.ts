import { AuditService, AuthUser, Clock, DomainError, ErrorCode, FieldError } from '#core';
import { OrgReader } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { campaignsError } from '../campaigns.errors';
import { CreateCampaignDto, UpdateCampaignDto } from '../dto/campaign.dto';
import { CampaignView } from '../dto/campaign.types';
import { CampaignRepository } from '../repositories/campaign.repository';
import { IndicatorRepository } from '../repositories/indicator.repository';
import { fromCents, toCents } from '../rules/allocation-rules';
import { validateCampaign } from '../rules/campaign-validation';
import { canRunCampaign } from '../rules/permissions';
import { mergeCampaignSettings, readCampaignSettings } from '../rules/read-settings';
import { campaignMoveCode, campaignMoveRefusal } from '../rules/status-transitions';
import { CampaignAccessService } from './campaign-access.service';
import { CampaignsService } from './campaigns.service';

/**
 * A draft campaign edited before it starts (PUT /api/campaigns/:id): name, period, office name, and each list given
 * (phases, milestones, members, indicators) replaced; lists left out keep what the draft has; settings merged as
 * PUT .../settings merges them. Indicators are matched by code, so one kept keeps its id (the settings may name it).
 */
@Injectable()
export class CampaignDraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: CampaignAccessService,
    private readonly campaigns: CampaignRepository,
    private readonly indicators: IndicatorRepository,
    private readonly org: OrgReader,
    private readonly reads: CampaignsService,
  ) {}

  async update(user: AuthUser, id: number, dto: UpdateCampaignDto): Promise<CampaignView> {
    await this.dataSource.transaction(async (m) => {
      const access = await this.access.load(m, user, id);
      if (!canRunCampaign(user, access))
        throw DomainError.forbidden('只有本扩面任务的领导小组或办公室可以修改（only the campaign leadership or office edits it）');
      const row = (await this.campaigns.lockForEdit(m, id))!;
      const refusal = campaignMoveRefusal('edit', id, row.status);
      if (refusal) throw campaignsError(campaignMoveCode('edit'), refusal);
      const before = await this.reads.get(user, id, m);
      const { settings: _settings, ...lists } = this.withKeptLists(dto, before);
      const { settings, errors: settingErrors } = mergeCampaignSettings(readCampaignSettings(row.settings), (dto.settings ?? {}) as Record<string, object>);
      const errors: FieldError[] = [...validateCampaign(lists), ...settingErrors.map((e) => ({ ...e, field: `settings.${e.field}` }))];
      if (errors.length) throw new DomainError(ErrorCode.Validation, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      await this.reads.assertMembersExist(m, dto.members);

      const indicatorIds = await this.writeIndicators(m, id, dto, before);
      // the credits name indicators of this draft: a removed one drops out, a named one must be a count indicator kept
      for (const key of ['inspectionIndicatorIds', 'rosterIndicatorIds'] as const) {
        const named = dto.settings?.progress?.[key];
        const counts = await this.indicators.countIndicatorIds(m, id, named ?? settings.progress[key]);
        if (named) {
          const i = named.findIndex((x) => !counts.includes(x));
          if (i >= 0)
            throw DomainError.validation(
              `settings.progress.${key}[${i}]`,
              `指标 ${named[i]} 不是本扩面任务的人数类指标（indicator ${named[i]} is not a count indicator of this campaign）`,
            );
        }
        settings.progress[key] = [...new Set(counts.filter((x) => indicatorIds.includes(x)))].sort((a, b) => a - b);
      }
      await this.campaigns.updateDefinition(m, id, {
        name: dto.name,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        officeName: dto.officeName ?? null,
        settings: JSON.stringify(settings),
        at: this.clock.now(),
      });
      if (dto.phases) {
        await this.campaigns.clearPhases(m, id);
        for (const [i, p] of dto.phases.entries())
          await this.campaigns.insertPhase(m, id, { name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, ordinal: i + 1 });
      }
      if (dto.milestones) {
        await this.campaigns.clearMilestones(m, id);
        for (const ms of dto.milestones) await this.campaigns.insertMilestone(m, id, ms.dueOn, String(ms.percent));
      }
      if (dto.members) {
        await this.campaigns.clearMembers(m, id);
        for (const mem of dto.members)
          await this.campaigns.insertMember(m, id, { userId: mem.userId, body: mem.body ?? 'leadership', role: mem.role, title: mem.title ?? null });
      }
      const after = await this.reads.get(user, id, m).catch(() => null); // the caller may have left the members
      await this.audit.record(m, user, {
        action: 'campaign.update',
        entity: 'campaign',
        entityId: id,
        orgUnitPath: access.unitPath,
        before: snapshot(before, before.settings),
        after: snapshot(after ?? before, settings), // the audit keeps the fields that changed
      });
    });
    return this.reads.get(user, id);
  }

  /** The draft as the checks see it: the lists the body leaves out are the ones the draft has. */
  private withKeptLists(dto: UpdateCampaignDto, c: CampaignView): CreateCampaignDto {
    return {
      ...dto,
      phases: dto.phases ?? c.phases.map((p) => ({ name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
      milestones: dto.milestones ?? c.milestones.map((x) => ({ dueOn: x.dueOn, percent: Number(x.percent) })),
      members: dto.members ?? c.members.map((x) => ({ userId: x.userId, body: x.body, role: x.role, title: x.title ?? undefined })),
      indicators:
        dto.indicators ??
        c.indicators.map((i) => ({
          code: i.code,
          name: i.name,
          unit: i.unit,
          kind: i.kind,
          insuranceType: i.insuranceType,
          source: i.source,
          numeratorLabel: i.numeratorLabel ?? undefined,
          denominatorLabel: i.denominatorLabel ?? undefined,
          target: i.topTarget == null ? undefined : Number(i.topTarget),
        })),
    };
  }

  /** Indicators by code: kept ones rewritten in place, new ones added, the rest removed; answers the ids the draft then has. */
  private async writeIndicators(m: EntityManager, id: number, dto: UpdateCampaignDto, c: CampaignView): Promise<number[]> {
    if (!dto.indicators) return c.indicators.map((i) => i.id);
    const byCode = new Map(c.indicators.map((i) => [i.code, i.id]));
    const ids: number[] = [];
    for (const ind of dto.indicators) {
      const row = {
        code: ind.code,
        name: ind.name,
        unit: ind.unit,
        kind: ind.kind,
        insuranceType: ind.insuranceType,
        source: ind.source ?? 'reports',
        numeratorLabel: ind.numeratorLabel ?? null,
        denominatorLabel: ind.denominatorLabel ?? null,
        topTarget: ind.target == null ? null : fromCents(toCents(ind.target)!),
      };
      const kept = byCode.get(ind.code);
      if (kept) await this.indicators.update(m, kept, row);
      ids.push(kept ?? (await this.indicators.insert(m, id, row)));
    }
    const gone = c.indicators.filter((i) => !ids.includes(i.id)).map((i) => i.id);
    if (gone.length) await this.indicators.remove(m, id, gone);
    return ids;
  }
}

/** What the audit row compares: the lists as the clerk typed them, indicators by code. */
function snapshot(c: CampaignView, settings: unknown): Record<string, unknown> {
  return {
    name: c.name,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    officeName: c.officeName,
    phases: c.phases.map((p) => `${p.name} ${p.startsOn}~${p.endsOn}`),
    milestones: c.milestones.map((x) => `${x.dueOn} ${x.percent}%`),
    members: c.members.map((x) => `${x.body}:${x.role}:${x.userId}`),
    indicators: c.indicators.map((i) => `${i.code} ${i.name} ${i.kind} ${i.topTarget ?? ''}`.trim()),
    settings,
  };
}
