import { AuthUser, Clock, DomainError, JOB_IDS, OutboxService, Page, pageOf, Role, WorkingCalendar } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { planDeadlineEvents } from '../rules/deadline-events';
import { canRunCampaign } from '../rules/permissions';
import { readCampaignSettings } from '../rules/read-settings';
import { CampaignAccessService } from '../services/campaign-access.service';
import { DUTY_CATALOGUE, DUTY_CODES } from './duty-catalogue';
import { currentDue, isOverdue } from './duty-due';
import { CreateDutyDto, DeliverDutyDto, DutyListQuery } from './duty.dto';
import { DutyRepository, DutyRow } from './duty.repository';
import { DutyCatalogueItemDto, DutyViewDto } from './duty.response';

/**
 * Member departments' duties in a campaign (issue 16 point 1): the office gives each department unit the data it
 * delivers, how often and when; the department marks each due date delivered. Reminders and the overdue notice are
 * task_deadline_event rows planned for the due date waited on, run by the deadlines reconciler (DutyDeadlines).
 */
@Injectable()
export class DutiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly outbox: OutboxService,
    private readonly access: CampaignAccessService,
    private readonly duties: DutyRepository,
  ) {}

  catalogue(): DutyCatalogueItemDto[] {
    return DUTY_CODES.map((code) => ({ code, ...DUTY_CATALOGUE[code] }));
  }

  async create(user: AuthUser, campaignId: number, dto: CreateDutyDto): Promise<DutyViewDto> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.access.load(m, user, campaignId);
      if (!canRunCampaign(user, c))
        throw DomainError.forbidden('只有扩面任务的领导小组和办公室可以登记成员单位职责（only those who run the campaign give duties）');
      if (c.status === 'closed') throw DomainError.conflict('扩面任务已结束，不能再登记成员单位职责（the campaign is closed）');
      const unit = await this.duties.unit(m, dto.orgUnitId);
      if (!unit || unit.level !== 'agency' || !unit.active || !unit.path.startsWith(c.unitPath))
        throw DomainError.validation('orgUnitId', '须为本扩面任务所在单位下在用的成员单位（部门）');
      const once = dto.cadence === 'once';
      const id = await this.duties.insert(m, {
        campaignId,
        orgUnitId: unit.id,
        code: dto.code,
        cadence: dto.cadence,
        dueDay: once ? null : dto.dueDay!,
        dueOn: once ? dto.dueOn! : null,
        since: this.clock.today(),
        note: dto.note ?? null,
        by: user.id,
      });
      if (id === undefined) throw DomainError.conflict(`${unit.name}在本扩面任务中已有“${DUTY_CATALOGUE[dto.code].label}”职责`, 'code');
      const duty = (await this.duties.one(m, id))!;
      await this.plan(m, duty);
      return this.view(duty);
    });
  }

  /** The campaign's duties the caller may see: all to those who run it, else those of departments in the caller's unit subtree. */
  async list(user: AuthUser, campaignId: number, q: DutyListQuery): Promise<Page<DutyViewDto>> {
    const c = await this.access.load(this.dataSource.manager, user, campaignId);
    const prefix = canRunCampaign(user, c) || user.seesAll ? null : user.orgUnitPath;
    const { rows, total } = await this.duties.page(this.dataSource.manager, campaignId, prefix, q.pageSize, q.offset);
    return pageOf(
      rows.map((r) => this.view(r)),
      total,
      q,
    );
  }

  /** Marks the due date the duty waits on delivered: the department's own users, or those who run the campaign. */
  async deliver(user: AuthUser, dutyId: number, dto: DeliverDutyDto): Promise<DutyViewDto> {
    return this.dataSource.transaction(async (m) => {
      const duty = await this.duties.one(m, dutyId, true);
      if (!duty) throw DomainError.notFound('duty', dutyId);
      const c = await this.access.load(m, user, duty.campaign_id);
      const own = user.roles.includes(Role.Department) && user.orgUnitId === duty.org_unit_id;
      if (!own && !canRunCampaign(user, c)) throw DomainError.outOfScope('该报送职责不属于您的部门（this duty is not your department’s）');
      const today = this.clock.today();
      const deliveredOn = dto.deliveredOn ?? today;
      if (deliveredOn > today) throw DomainError.validation('deliveredOn', `报送日期不能晚于今天（${today}）`);
      const due = currentDue(this.schedule(duty), duty.since, duty.last_due);
      if (due === null) throw DomainError.conflict('该职责已全部报送，没有待报送的截止日（nothing left to deliver）');
      if (dto.importId !== undefined) {
        const up = await this.duties.upload(m, dto.importId);
        if (!up || up.campaign_id !== duty.campaign_id || up.org_unit_id !== duty.org_unit_id)
          throw DomainError.validation('importId', '须为本部门在本扩面任务中的上传记录');
      }
      await this.duties.insertDelivery(m, {
        dutyId,
        dueDate: due,
        deliveredOn,
        note: dto.note ?? null,
        importId: dto.importId ?? null,
        by: user.id,
      });
      await this.duties.cancelPendingFor(m, dutyId, due, this.clock.now());
      const after = (await this.duties.one(m, dutyId))!;
      await this.plan(m, after);
      return this.view(after);
    });
  }

  /** Plans the reminders (the campaign's offsets and time) and the overdue event of the due date the duty waits on. */
  private async plan(m: EntityManager, duty: DutyRow): Promise<void> {
    const due = currentDue(this.schedule(duty), duty.since, duty.last_due);
    if (due === null) return;
    const settings = readCampaignSettings((await this.duties.campaign(m, duty.campaign_id))!.settings);
    const now = this.clock.now();
    for (const e of planDeadlineEvents(due, 1, [], settings.deadlines.reminderOffsetsDays, now, settings.notices.reminderTime, this.calendar)) {
      // an overdue instant already past (a duty given late) is due at once: the reconciler runs it now
      if (await this.duties.upsertEvent(m, duty.id, e))
        await this.outbox.enqueue(
          m,
          'deadlines.reconcile',
          { reason: `duty ${duty.id} ${e.key}` },
          { jobId: JOB_IDS.deadline(`duty${duty.id}`, e.key, e.dueAt), runAt: e.dueAt },
        );
    }
  }

  private schedule(d: DutyRow) {
    return { cadence: d.cadence, dueDay: d.due_day, dueOn: d.due_on };
  }

  private view(d: DutyRow): DutyViewDto {
    const nextDue = currentDue(this.schedule(d), d.since, d.last_due);
    return {
      id: d.id,
      campaignId: d.campaign_id,
      orgUnitId: d.org_unit_id,
      departmentName: d.department_name,
      code: d.code,
      label: DUTY_CATALOGUE[d.code].label,
      cadence: d.cadence,
      dueDay: d.due_day,
      dueOn: d.due_on,
      note: d.note,
      nextDue,
      lastDueDelivered: d.last_due,
      lastDeliveredOn: d.last_delivered_on,
      overdue: isOverdue(nextDue, this.clock.today()),
    };
  }
}
