import { AuditService, AuthUser, Clock, DomainError, ErrorCode, FieldError, hasRole, isIsoDate, lockRollup, Page, pageOf, Role } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { campaignAccess, canRunCampaign } from './access';
import { DeadlinesService } from './deadlines/deadlines.service';
import { ActivateCampaignDto, CampaignListQuery, CreateCampaignDto } from './dto/campaign.dto';
import { CampaignMember, CampaignMilestone, CampaignPhase } from './entities/campaign-parts.entity';
import { Campaign } from './entities/campaign.entity';
import { Indicator } from './entities/indicator.entity';
import { Task } from './entities/task.entity';
import { fromCents, targetError, toCents } from './rules/allocation-rules';
import { mergeCampaignSettings, readCampaignSettings } from './settings/read-settings';
import { DEFAULT_CAMPAIGN_SETTINGS } from './settings/settings.defaults';

export interface CampaignView extends Campaign {
  phases: CampaignPhase[];
  milestones: CampaignMilestone[];
  members: (CampaignMember & { username: string; displayName: string })[];
  indicators: Indicator[];
  topTasks: { id: number; indicatorId: number; target: string; deadline: string; status: string }[];
}

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
  ) {}

  async create(user: AuthUser, dto: CreateCampaignDto): Promise<CampaignView> {
    if (!hasRole(user, Role.Leader, Role.Office)) throw DomainError.forbidden('only leaders and the office create campaigns');
    const unitId = dto.orgUnitId ?? user.orgUnitId;
    // the defaults are written once, here: the row then holds every setting GET .../settings answers
    const { settings, errors: settingErrors } = mergeCampaignSettings(DEFAULT_CAMPAIGN_SETTINGS, (dto.settings ?? {}) as Record<string, object>);
    const errors = [...validateCampaign(dto), ...settingErrors.map((e) => ({ ...e, field: `settings.${e.field}` }))];
    if (errors.length) throw new DomainError(ErrorCode.Validation, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    const id = await this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, unitId, m);
      if (dto.members?.length) {
        const ids = [...new Set(dto.members.map((x) => x.userId))];
        const found: { id: number }[] = await m.query(`SELECT id FROM app_user WHERE id = ANY($1::int[])`, [ids]);
        const missing = ids.filter((i) => !found.some((f) => f.id === i));
        if (missing.length) throw DomainError.validation('members', `unknown users ${missing.join(', ')}`);
      }
      const [c]: { id: number }[] = await m.query(
        `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, settings, office_name, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [unitId, dto.name, dto.startsOn, dto.endsOn, JSON.stringify(settings), dto.officeName ?? null, user.id, this.clock.now()],
      );
      for (const [i, p] of (dto.phases ?? []).entries())
        await m.insert(CampaignPhase, { campaignId: c.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, ordinal: i + 1 });
      for (const ms of dto.milestones ?? []) await m.insert(CampaignMilestone, { campaignId: c.id, dueOn: ms.dueOn, percent: String(ms.percent) });
      for (const mem of dto.members ?? [])
        await m.insert(CampaignMember, { campaignId: c.id, userId: mem.userId, body: mem.body ?? 'leadership', role: mem.role, title: mem.title ?? null });
      for (const ind of dto.indicators ?? [])
        await m.insert(Indicator, {
          campaignId: c.id,
          code: ind.code,
          name: ind.name,
          unit: ind.unit,
          kind: ind.kind,
          insuranceType: ind.insuranceType,
          numeratorLabel: ind.numeratorLabel ?? null,
          denominatorLabel: ind.denominatorLabel ?? null,
          topTarget: ind.target == null ? null : fromCents(toCents(ind.target)!),
        });
      await this.audit.record(m, user, {
        action: 'campaign.create',
        entity: 'campaign',
        entityId: c.id,
        orgUnitPath: path,
        after: { name: dto.name, startsOn: dto.startsOn, endsOn: dto.endsOn },
      });
      return c.id;
    });
    return this.get(user, id);
  }

  async list(user: AuthUser, q: CampaignListQuery): Promise<Page<Campaign & { unitName: string }>> {
    // Campaigns run at or below the caller's scope, at a unit above the caller (its tasks come from there), or that the caller is a member of.
    const where = `(u.path LIKE $1 || '%' OR $2 LIKE u.path || '%' OR EXISTS (SELECT 1 FROM campaign_member cm WHERE cm.campaign_id = c.id AND cm.user_id = $3))
                   AND ($4::text IS NULL OR c.status = $4)`;
    const prefix = this.scope.scopePrefix(user);
    const params = [prefix, user.orgUnitPath, user.id, q.status ?? null];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT c.id, c.org_unit_id, c.name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.status, c.settings,
              c.office_name, c.created_by, c.created_at, c.updated_at, u.name AS unit_name
         FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE ${where} ORDER BY c.id DESC OFFSET $5 LIMIT $6`,
      [...params, q.offset, q.pageSize],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM campaign c JOIN org_unit u ON u.id = c.org_unit_id WHERE ${where}`,
      params,
    );
    return pageOf(
      rows.map((r) => ({
        id: r.id as number,
        orgUnitId: r.org_unit_id as number,
        name: r.name as string,
        startsOn: r.starts_on as string,
        endsOn: r.ends_on as string,
        status: r.status as Campaign['status'],
        settings: readCampaignSettings(r.settings),
        officeName: r.office_name as string | null,
        createdBy: r.created_by as number | null,
        createdAt: r.created_at as Date,
        updatedAt: r.updated_at as Date,
        unitName: r.unit_name as string,
      })),
      total,
      q,
    );
  }

  async get(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<CampaignView> {
    await campaignAccess(m, user, id);
    const c = await m.findOneByOrFail(Campaign, { id });
    c.settings = readCampaignSettings(c.settings);
    const phases = await m.find(CampaignPhase, { where: { campaignId: id }, order: { ordinal: 'ASC' } });
    const milestones = await m.find(CampaignMilestone, { where: { campaignId: id }, order: { dueOn: 'ASC' } });
    const members: (CampaignMember & { username: string; displayName: string })[] = (
      await m.query(
        `SELECT cm.id, cm.campaign_id, cm.user_id, cm.body, cm.role, cm.title, u.username, u.display_name FROM campaign_member cm JOIN app_user u ON u.id = cm.user_id
          WHERE cm.campaign_id = $1 ORDER BY cm.body, array_position(ARRAY['head','director','deputy','member'], cm.role), cm.id`,
        [id],
      )
    ).map((r: Record<string, unknown>) => ({
      id: r.id,
      campaignId: r.campaign_id,
      userId: r.user_id,
      body: r.body,
      role: r.role,
      title: r.title,
      username: r.username,
      displayName: r.display_name,
    }));
    const indicators = await m.find(Indicator, { where: { campaignId: id }, order: { id: 'ASC' } });
    const topTasks: CampaignView['topTasks'] = await m.query(
      `SELECT id, indicator_id AS "indicatorId", target::text AS target, to_char(deadline, 'YYYY-MM-DD') AS deadline, status FROM task WHERE campaign_id = $1 AND parent_task_id IS NULL ORDER BY indicator_id`,
      [id],
    );
    return { ...c, phases, milestones, members, indicators, topTasks };
  }

  /**
   * draft → active: sets the campaign unit's own target per indicator (top-level task, deadline = campaign end)
   * and plans its deadline events.
   */
  async activate(user: AuthUser, id: number, dto: ActivateCampaignDto): Promise<CampaignView> {
    await this.dataSource.transaction(async (m) => {
      const access = await campaignAccess(m, user, id);
      if (!canRunCampaign(user, access)) throw DomainError.forbidden('only the campaign leadership or office activates it');
      await lockRollup(m, 'exclusive'); // it inserts the top-level tasks: before the campaign row lock
      const [c]: { status: string; ends_on: string }[] = await m.query(
        // NO KEY UPDATE: a registry import holds the campaign FOR KEY SHARE for its whole run, and this
        // transaction already holds the rollup lock that every report waits for
        `SELECT status, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM campaign WHERE id = $1 FOR NO KEY UPDATE`,
        [id],
      );
      if (c.status !== 'draft') throw DomainError.invalidState(`campaign ${id} is ${c.status}; only a draft campaign can be activated`);
      const indicators = await m.find(Indicator, { where: { campaignId: id }, order: { id: 'ASC' } });
      if (!indicators.length) throw DomainError.validation('indicators', 'a campaign needs at least one indicator before it is activated');
      for (const [i, t] of (dto.targets ?? []).entries()) {
        const ind = indicators.find((x) => x.id === t.indicatorId);
        if (!ind) throw DomainError.validation(`targets[${i}].indicatorId`, `indicator ${t.indicatorId} is not part of campaign ${id}`);
        const err = targetError(ind.kind, t.target);
        if (err) throw DomainError.validation(`targets[${i}].target`, err);
        ind.topTarget = fromCents(toCents(t.target)!);
        await m.update(Indicator, { id: ind.id }, { topTarget: ind.topTarget });
      }
      const missing = indicators.filter((x) => x.topTarget == null);
      if (missing.length) throw DomainError.validation('targets', `set the campaign unit's target of ${missing.map((x) => x.code).join(', ')}`);
      const now = this.clock.now();
      const ids: number[] = [];
      for (const ind of indicators) {
        const r = await m.insert(Task, {
          campaignId: id,
          indicatorId: ind.id,
          holderUnitId: access.orgUnitId,
          parentTaskId: null,
          target: ind.topTarget!,
          deadline: c.ends_on,
          deadlineVersion: 1,
          status: 'open',
          createdAt: now,
          updatedAt: now,
        });
        ids.push(r.identifiers[0].id as number);
      }
      await m.query(`UPDATE campaign SET status = 'active', updated_at = $2 WHERE id = $1`, [id, now]);
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
      const access = await campaignAccess(m, user, id);
      if (!canRunCampaign(user, access)) throw DomainError.forbidden('only the campaign leadership or office closes it');
      if (access.status !== 'active') throw DomainError.invalidState(`campaign ${id} is ${access.status}; only an active campaign can be closed`);
      const now = this.clock.now();
      await m.query(`UPDATE campaign SET status = 'closed', updated_at = $2 WHERE id = $1`, [id, now]);
      // A closed campaign sends nothing more.
      await m.query(
        `UPDATE task_deadline_event e SET cancelled_at = $2 FROM task t WHERE e.task_id = t.id AND t.campaign_id = $1 AND e.done_at IS NULL AND e.cancelled_at IS NULL`,
        [id, now],
      );
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
}

/** Cross-field checks of a new campaign (the DTO pipe checks each field). */
export function validateCampaign(dto: CreateCampaignDto): FieldError[] {
  const errors: FieldError[] = [];
  const inPeriod = (d: string) => d >= dto.startsOn && d <= dto.endsOn;
  if (!isIsoDate(dto.startsOn)) errors.push({ field: 'startsOn', message: 'is not a calendar date' });
  if (!isIsoDate(dto.endsOn)) errors.push({ field: 'endsOn', message: 'is not a calendar date' });
  if (dto.endsOn < dto.startsOn) errors.push({ field: 'endsOn', message: 'must not be before startsOn' });
  if (dto.settings?.progress?.inspectionIndicatorIds?.length)
    errors.push({ field: 'settings.progress.inspectionIndicatorIds', message: '创建时指标尚无编号：请在创建后通过 PUT /api/campaigns/:id/settings 设置' });
  (dto.phases ?? []).forEach((p, i) => {
    if (p.endsOn < p.startsOn) errors.push({ field: `phases[${i}].endsOn`, message: 'must not be before startsOn' });
    if (!inPeriod(p.startsOn) || !inPeriod(p.endsOn)) errors.push({ field: `phases[${i}]`, message: 'must lie within the campaign period' });
  });
  const ms = [...(dto.milestones ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  ms.forEach((x, i) => {
    if (!inPeriod(x.dueOn)) errors.push({ field: 'milestones', message: `${x.dueOn} lies outside the campaign period` });
    if (i > 0 && ms[i - 1].dueOn === x.dueOn) errors.push({ field: 'milestones', message: `two milestones on ${x.dueOn}` });
    if (i > 0 && ms[i - 1].percent > x.percent) errors.push({ field: 'milestones', message: 'milestones are cumulative: percent must not decrease' });
  });
  const codes = new Set<string>();
  (dto.indicators ?? []).forEach((ind, i) => {
    if (codes.has(ind.code)) errors.push({ field: `indicators[${i}].code`, message: `code ${ind.code} appears twice` });
    codes.add(ind.code);
    if (ind.kind === 'ratio' && ind.unit !== 'percent') errors.push({ field: `indicators[${i}].unit`, message: 'a ratio indicator is measured in percent' });
    if (ind.kind !== 'ratio' && ind.unit === 'percent')
      errors.push({ field: `indicators[${i}].unit`, message: 'only a ratio indicator is measured in percent' });
    if (ind.kind === 'ratio' && (!ind.numeratorLabel || !ind.denominatorLabel))
      errors.push({ field: `indicators[${i}].numeratorLabel`, message: 'a ratio indicator names its numerator and denominator' });
    if (ind.target != null) {
      const err = targetError(ind.kind, ind.target);
      if (err) errors.push({ field: `indicators[${i}].target`, message: err });
    }
  });
  const mem = new Set<string>();
  (dto.members ?? []).forEach((x, i) => {
    const body = x.body ?? 'leadership';
    if (body === 'leadership' && x.role === 'director')
      errors.push({ field: `members[${i}].role`, message: 'the leadership group has head, deputy and member' });
    if (body === 'office' && (x.role === 'head' || x.role === 'deputy'))
      errors.push({ field: `members[${i}].role`, message: 'the office has director and member' });
    if (mem.has(`${body}-${x.userId}`)) errors.push({ field: `members[${i}].userId`, message: 'appears twice' });
    mem.add(`${body}-${x.userId}`);
  });
  return errors;
}
