import { AuditService, AuthUser, Clock, DomainError, ErrorCode, hasRole, lockRollup, Page, pageOf, Queryable, Role } from '#core';
import { OrgReader, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivateCampaignDto, CampaignListQuery, CreateCampaignDto } from '../dto/campaign.dto';
import { CampaignListItem, CampaignView } from '../dto/campaign.types';
import { CampaignRepository } from '../repositories/campaign.repository';
import { DeadlineEventRepository } from '../repositories/deadline-event.repository';
import { IndicatorRepository } from '../repositories/indicator.repository';
import { TaskRepository } from '../repositories/task.repository';
import { fromCents, targetError, toCents } from '../rules/allocation-rules';
import { validateCampaign } from '../rules/campaign-validation';
import { campaignActions, canRunCampaign, memberRoles } from '../rules/permissions';
import { mergeCampaignSettings, readCampaignSettings } from '../rules/read-settings';
import { campaignMoveCode, campaignMoveRefusal } from '../rules/status-transitions';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';
import { CampaignAccessService } from './campaign-access.service';
import { DeadlinesService } from './deadlines.service';
import { campaignsError } from '../campaigns.errors';

/** Campaigns: creation with their parts, lists and the campaign view, activation and closing. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly access: CampaignAccessService,
    private readonly campaigns: CampaignRepository,
    private readonly indicators: IndicatorRepository,
    private readonly tasks: TaskRepository,
    private readonly org: OrgReader,
    private readonly events: DeadlineEventRepository,
  ) {}

  async create(user: AuthUser, dto: CreateCampaignDto): Promise<CampaignView> {
    if (!hasRole(user, Role.Leader, Role.Office))
      throw DomainError.forbidden('只有领导小组和办公室可以新建扩面任务（only leaders and the office create campaigns）');
    const unitId = dto.orgUnitId ?? user.orgUnitId;
    // the defaults are written once, here: the row then holds every setting GET .../settings answers
    const { settings, errors: settingErrors } = mergeCampaignSettings(DEFAULT_CAMPAIGN_SETTINGS, (dto.settings ?? {}) as Record<string, object>);
    const errors = [...validateCampaign(dto), ...settingErrors.map((e) => ({ ...e, field: `settings.${e.field}` }))];
    if (errors.length) throw new DomainError(ErrorCode.Validation, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    const id = await this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, unitId, m);
      await this.assertMembersExist(m, dto.members);
      const id = await this.campaigns.insert(m, {
        orgUnitId: unitId,
        name: dto.name,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        settings: JSON.stringify(settings),
        officeName: dto.officeName ?? null,
        createdBy: user.id,
        at: this.clock.now(),
      });
      for (const [i, p] of (dto.phases ?? []).entries())
        await this.campaigns.insertPhase(m, id, { name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, ordinal: i + 1 });
      for (const ms of dto.milestones ?? []) await this.campaigns.insertMilestone(m, id, ms.dueOn, String(ms.percent));
      for (const mem of dto.members ?? [])
        await this.campaigns.insertMember(m, id, { userId: mem.userId, body: mem.body ?? 'leadership', role: mem.role, title: mem.title ?? null });
      for (const ind of dto.indicators ?? [])
        await this.indicators.insert(m, id, {
          code: ind.code,
          name: ind.name,
          unit: ind.unit,
          kind: ind.kind,
          insuranceType: ind.insuranceType,
          source: ind.source ?? 'reports',
          numeratorLabel: ind.numeratorLabel ?? null,
          denominatorLabel: ind.denominatorLabel ?? null,
          topTarget: ind.target == null ? null : fromCents(toCents(ind.target)!),
        });
      await this.audit.record(m, user, {
        action: 'campaign.create',
        entity: 'campaign',
        entityId: id,
        orgUnitPath: path,
        after: { name: dto.name, startsOn: dto.startsOn, endsOn: dto.endsOn },
      });
      return id;
    });
    return this.get(user, id);
  }

  async list(user: AuthUser, q: CampaignListQuery): Promise<Page<CampaignListItem>> {
    const f = { scope: this.scope.scopeOf(user), userPath: user.orgUnitPath, userId: user.id, status: q.status ?? null };
    const rows = await this.campaigns.list(this.dataSource, f, q, q.offset, q.pageSize);
    const total = await this.campaigns.count(this.dataSource, f);
    return pageOf(
      rows.map((r) => ({
        id: r.id,
        orgUnitId: r.org_unit_id,
        name: r.name,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        status: r.status,
        settings: readCampaignSettings(r.settings),
        officeName: r.office_name,
        createdBy: r.created_by,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        unitName: r.unit_name,
        can: campaignActions(user, { id: r.id, orgUnitId: r.org_unit_id, unitPath: r.unit_path, status: r.status, ...memberRoles(r.memberships) }),
      })),
      total,
      q,
    );
  }

  async get(user: AuthUser, id: number, db: Queryable = this.dataSource.manager): Promise<CampaignView> {
    const access = await this.access.load(db, user, id);
    const c = await this.campaigns.byId(db, id);
    if (!c) throw DomainError.notFound('campaign', id);
    return {
      ...c,
      can: campaignActions(user, access),
      settings: readCampaignSettings(c.settings),
      phases: await this.campaigns.phases(db, id),
      milestones: await this.campaigns.milestones(db, id),
      members: await this.campaigns.members(db, id),
      indicators: await this.indicators.ofCampaign(db, id),
      topTasks: await this.tasks.topOfCampaign(db, id),
    };
  }

  /**
   * draft → active: sets the campaign unit's own target per indicator (top-level task, deadline = campaign end)
   * and plans its deadline events.
   */
  async activate(user: AuthUser, id: number, dto: ActivateCampaignDto): Promise<CampaignView> {
    await this.dataSource.transaction(async (m) => {
      const access = await this.access.load(m, user, id);
      if (!canRunCampaign(user, access))
        throw DomainError.forbidden('只有本扩面任务的领导小组或办公室可以启动（only the campaign leadership or office activates it）');
      await lockRollup(m, 'exclusive'); // it inserts the top-level tasks: before the campaign row lock
      const c = (await this.campaigns.lockForActivation(m, id))!;
      const refusal = campaignMoveRefusal('activate', id, c.status);
      if (refusal) throw campaignsError(campaignMoveCode('activate'), refusal);
      const indicators = await this.indicators.ofCampaign(m, id);
      if (!indicators.length)
        throw DomainError.validation('indicators', '启动前至少需要一个指标（a campaign needs at least one indicator before it is activated）');
      for (const [i, t] of (dto.targets ?? []).entries()) {
        const ind = indicators.find((x) => x.id === t.indicatorId);
        if (!ind)
          throw DomainError.validation(
            `targets[${i}].indicatorId`,
            `指标 ${t.indicatorId} 不属于扩面任务 ${id}（indicator ${t.indicatorId} is not part of campaign ${id}）`,
          );
        const err = targetError(ind.kind, t.target);
        if (err) throw DomainError.validation(`targets[${i}].target`, err);
        ind.topTarget = fromCents(toCents(t.target)!);
        await this.indicators.setTopTarget(m, ind.id, ind.topTarget);
      }
      const missing = indicators.filter((x) => x.topTarget == null);
      if (missing.length)
        throw DomainError.validation(
          'targets',
          `请先填写本级目标：${missing.map((x) => x.code).join(', ')}（set the campaign unit's target of ${missing.map((x) => x.code).join(', ')}）`,
        );
      const now = this.clock.now();
      const ids: number[] = [];
      for (const ind of indicators)
        ids.push(
          await this.tasks.insertTop(m, {
            campaignId: id,
            indicatorId: ind.id,
            holderUnitId: access.orgUnitId,
            target: ind.topTarget!,
            deadline: c.ends_on,
            at: now,
          }),
        );
      await this.campaigns.setStatus(m, id, 'active', now);
      await this.deadlines.schedule(m, ids);
      await this.audit.record(m, user, {
        action: 'campaign.activate',
        entity: 'campaign',
        entityId: id,
        orgUnitPath: access.unitPath,
        before: { status: 'draft' },
        after: { status: 'active' },
      });
    });
    return this.get(user, id);
  }

  async close(user: AuthUser, id: number): Promise<CampaignView> {
    await this.dataSource.transaction(async (m) => {
      const access = await this.access.load(m, user, id);
      if (!canRunCampaign(user, access))
        throw DomainError.forbidden('只有本扩面任务的领导小组或办公室可以结束（only the campaign leadership or office closes it）');
      const refusal = campaignMoveRefusal('close', id, access.status);
      if (refusal) throw campaignsError(campaignMoveCode('close'), refusal);
      const now = this.clock.now();
      await this.campaigns.setStatus(m, id, 'closed', now);
      // A closed campaign sends nothing more.
      await this.events.cancelPendingOfCampaign(m, id, now);
      await this.audit.record(m, user, {
        action: 'campaign.close',
        entity: 'campaign',
        entityId: id,
        orgUnitPath: access.unitPath,
        before: { status: 'active' },
        after: { status: 'closed' },
      });
    });
    return this.get(user, id);
  }

  /** 400 on `members` naming the user ids that do not exist (a campaign's leadership group and office members). */
  async assertMembersExist(m: EntityManager, members: { userId: number }[] | undefined): Promise<void> {
    if (!members?.length) return;
    const ids = [...new Set(members.map((x) => x.userId))];
    const found = (await this.org.usersWithUnit(m, ids)).map((u) => u.id);
    const missing = ids.filter((i) => !found.includes(i));
    if (missing.length) throw DomainError.validation('members', `用户不存在（编号 ${missing.join('、')}）（unknown users ${missing.join(', ')}）`);
  }
}
