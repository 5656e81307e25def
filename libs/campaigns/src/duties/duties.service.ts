import { AuditAction, AuditService, AuthUser, Clock, DomainError, JOB_IDS, OutboxService, Page, pageOf, Role, WorkingCalendar } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { planDeadlineEvents } from '../rules/deadline-events';
import { canRunCampaign } from '../rules/permissions';
import { readCampaignSettings } from '../rules/read-settings';
import { CampaignAccessService } from '../services/campaign-access.service';
import { DUTY_CATALOGUE, DUTY_CODES, DutyCode, UPLOAD_DATA_KIND_LABELS, UploadDataKind } from './duty-catalogue';
import { currentDue, isOverdue } from './duty-due';
import { CreateDutyDto, DeliverDutyDto, DutyListQuery, UpdateDutyDto } from './duty.dto';
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
    private readonly audit: AuditService,
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
      await this.audited(m, user, 'duty.create', duty, { after: dto });
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
      await this.audited(m, user, 'duty.deliver', duty, { after: { dueDate: due, deliveredOn, note: dto.note ?? null, importId: dto.importId ?? null } });
      return this.view(after);
    });
  }

  /**
   * The duty a department's upload of `dataKind` delivers, checked when it is uploaded: a department may upload a list
   * only for a duty of that list in the campaign (none: a 403; death records only with a death-record duty). The code
   * named (a duty of the department whose list is that kind, else a 400 on `dutyCode`), or without a code the
   * department's one duty of that kind (several: null, the upload delivers none of them).
   */
  async dutyForUpload(m: EntityManager, campaignId: number, orgUnitId: number, dataKind: UploadDataKind, code?: string): Promise<DutyCode | null> {
    const codes = DUTY_CODES.filter((c) => DUTY_CATALOGUE[c].dataKind === dataKind);
    const duties = await this.duties.departmentDuties(m, campaignId, orgUnitId, codes);
    if (!duties.length)
      throw DomainError.forbidden(
        `本部门在该扩面任务中没有报送“${UPLOAD_DATA_KIND_LABELS[dataKind]}”的职责，不能上报该名单（no duty of this list in the campaign）`,
      );
    if (code === undefined) return duties.length === 1 ? duties[0].code : null;
    if (!duties.some((d) => d.code === code))
      throw DomainError.validation('dutyCode', `本部门在该扩面任务中没有与该名单类型相符的“${DUTY_CATALOGUE[code as DutyCode]?.label ?? code}”报送职责`);
    return code as DutyCode;
  }

  /**
   * A department's upload done: the delivery of its duty's due date waited on, in the caller's transaction (the
   * registry's import run). Nothing when the duty has nothing left to deliver; answers whether a delivery was written.
   */
  async deliverUpload(
    m: EntityManager,
    u: { campaignId: number; orgUnitId: number; code: DutyCode; importId: number; by: number | null; on: string },
  ): Promise<boolean> {
    const [found] = await this.duties.departmentDuties(m, u.campaignId, u.orgUnitId, [u.code]);
    const duty = found && (await this.duties.one(m, found.id, true));
    if (!duty) return false;
    const due = currentDue(this.schedule(duty), duty.since, duty.last_due);
    if (due === null) return false;
    await this.duties.insertDelivery(m, { dutyId: duty.id, dueDate: due, deliveredOn: u.on, note: '部门数据上报', importId: u.importId, by: u.by });
    await this.duties.cancelPendingFor(m, duty.id, due, this.clock.now());
    await this.plan(m, (await this.duties.one(m, duty.id))!);
    return true;
  }

  /** The office changes a duty's schedule or note: the pending reminders of a due date no longer waited on are cancelled, the new one's planned. */
  async update(user: AuthUser, dutyId: number, dto: UpdateDutyDto): Promise<DutyViewDto> {
    return this.dataSource.transaction(async (m) => {
      const duty = await this.runnable(m, user, dutyId);
      const once = dto.cadence === 'once';
      const next = { cadence: dto.cadence, dueDay: once ? null : dto.dueDay!, dueOn: once ? dto.dueOn! : null, note: dto.note ?? null };
      await this.duties.updateSchedule(m, dutyId, next);
      const after = (await this.duties.one(m, dutyId))!;
      await this.duties.cancelPendingExcept(m, dutyId, currentDue(this.schedule(after), after.since, after.last_due), this.clock.now());
      await this.plan(m, after);
      await this.audited(m, user, 'duty.update', duty, {
        before: { cadence: duty.cadence, dueDay: duty.due_day, dueOn: duty.due_on, note: duty.note },
        after: next,
      });
      return this.view(after);
    });
  }

  /** The office removes a duty given by mistake, with its deliveries and reminders (the audit row keeps what it was). */
  async remove(user: AuthUser, dutyId: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const duty = await this.runnable(m, user, dutyId);
      const deliveries = await this.duties.remove(m, dutyId);
      await this.audited(m, user, 'duty.delete', duty, {
        before: { orgUnitId: duty.org_unit_id, code: duty.code, cadence: duty.cadence, dueDay: duty.due_day, dueOn: duty.due_on, deliveries },
      });
    });
  }

  /** A duty locked for a change by those who run its campaign (not once the campaign is closed). */
  private async runnable(m: EntityManager, user: AuthUser, dutyId: number): Promise<DutyRow> {
    const duty = await this.duties.one(m, dutyId, true);
    if (!duty) throw DomainError.notFound('duty', dutyId);
    const c = await this.access.load(m, user, duty.campaign_id);
    if (!canRunCampaign(user, c))
      throw DomainError.forbidden('只有扩面任务的领导小组和办公室可以修改成员单位职责（only those who run the campaign change duties）');
    if (c.status === 'closed') throw DomainError.conflict('扩面任务已结束，不能再修改成员单位职责（the campaign is closed）');
    return duty;
  }

  /** Every change of a duty and every delivery is audited under the department's unit. */
  private audited(m: EntityManager, user: AuthUser, action: AuditAction, d: DutyRow, details: { before?: object; after?: object }) {
    return this.audit.record(m, user, { action, entity: 'campaign_duty', entityId: d.id, orgUnitPath: d.department_path, ...details });
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
