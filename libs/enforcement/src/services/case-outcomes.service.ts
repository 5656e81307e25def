import { AuditService, AuthUser, Clock, DomainError, hasRole, JOB_IDS, OutboxService, Role, WorkingCalendar } from '#core';
import { EmployerEnrolment } from '#registry';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseOutcomeDto } from '../dto/inspection-case.dto';
import { CaseRow, InspectionCaseRepository, ScopedCaseRow } from '../repositories/inspection-case.repository';
import { OutcomeEvent, outcomeEvent } from '../rules/case-outcome';
import { rectificationCheckTimes } from '../rules/rectification';
import { CampaignEscalation, CampaignEscalations } from './campaign-escalation';
import { CaseLookup } from './case-lookup';
import { enforcementError } from '../enforcement.errors';

/** Outcomes an inspector (or the department manager) records on a case; rectified and closed end it. */
@Injectable()
export class CaseOutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly enrolment: EmployerEnrolment,
    private readonly cases: InspectionCaseRepository,
    private readonly escalations: CampaignEscalations,
    private readonly lookup: CaseLookup,
  ) {}

  /** Records an inspector's outcome on a case; rectified and closed end it. */
  async recordOutcome(user: AuthUser, id: number, dto: CaseOutcomeDto): Promise<CaseRow> {
    const c = await this.lookup.scoped(this.dataSource.manager, id);
    const isManager = hasRole(user, Role.UnitManager) && user.orgUnitId === c.departmentId;
    if (c.assigneeId !== user.id && !isManager && !user.roles.includes(Role.Admin)) {
      throw DomainError.forbidden('只有承办的检查人员或本部门负责人可以登记处理结果（only the assigned inspector or the department manager records outcomes）');
    }
    const campaign = await this.escalations.load(this.dataSource.manager, c.campaignId);
    const today = this.clock.today();
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const locked = await this.cases.lock(m, id);
      if (locked.status !== 'open') throw enforcementError('CASE_CLOSED', `检查案件 ${id} 已结案，不能再修改（inspection case ${id} is closed）`);
      const event = outcomeEvent(dto, today, campaign.settings.rectificationDays, (d, n) => this.calendar.addPeriod(d, n, campaign.settings.dayUnit));
      await this.apply(m, user, c, campaign, dto, event, { now, today });
      await this.cases.insertEvent(m, {
        caseId: id,
        kind: dto.kind,
        at: now,
        actorId: user.id,
        findings: event.findings,
        deadline: event.deadline,
        enrolledCount: event.enrolled_count,
        amount: event.amount,
        reason: event.reason,
      });
      await this.audit.record(m, user, {
        action: `inspection_case.${dto.kind}`,
        entity: 'inspection_case',
        entityId: id,
        orgUnitPath: c.employerPath,
        before: { status: c.status },
        after: { kind: dto.kind, ...event },
      });
    });
    return this.lookup.load(this.dataSource.manager, id);
  }

  /** What the outcome changes on the case, and the jobs it causes. */
  private async apply(
    m: EntityManager,
    user: AuthUser,
    c: ScopedCaseRow,
    campaign: CampaignEscalation,
    dto: CaseOutcomeDto,
    event: OutcomeEvent,
    { now, today }: { now: Date; today: string },
  ): Promise<void> {
    switch (dto.kind) {
      case 'rectification_ordered': {
        const deadline = event.deadline!;
        await this.cases.orderRectification(m, c.id, deadline);
        // Delayed checks at the reminder and overdue instants; the periodic reconcile catches anything these miss.
        const { reminderAt, overdueAt } = rectificationCheckTimes(
          deadline,
          campaign.settings.rectificationReminderDays,
          campaign.settings.reminderTime,
          this.calendar,
        );
        await this.outbox.enqueueMany(m, [
          {
            name: 'enforcement.rectification-check',
            payload: { caseId: c.id },
            opts: { jobId: JOB_IDS.rectificationCheck(c.id, deadline, 'reminder'), runAt: reminderAt },
          },
          {
            name: 'enforcement.rectification-check',
            payload: { caseId: c.id },
            opts: { jobId: JOB_IDS.rectificationCheck(c.id, deadline, 'overdue'), runAt: overdueAt },
          },
        ]);
        break;
      }
      case 'rectified': {
        await this.cases.closeRectified(m, c.id, dto.enrolledCount!, now);
        // The registry records the enrolment; progress credits it to the employer's unit where the campaign
        // links an indicator to inspection enrolments (through the outbox: once, even if Redis is down now).
        const { campaignId, orgUnitId, enrolled } = await this.enrolment.enrolledByInspection(m, user, c.employerId, dto.enrolledCount!, now);
        if (enrolled > 0)
          await this.outbox.enqueue(
            m,
            'progress.credit',
            { campaignId, orgUnitId, amount: enrolled, source: 'inspection', sourceRef: `case-${c.id}`, on: today },
            { jobId: JOB_IDS.inspectionCredit(c.id) },
          );
        break;
      }
      case 'referred_to_tax':
        await this.cases.referToTax(m, c.id, now);
        break;
      case 'penalised':
        await this.cases.addPenalty(m, c.id, dto.amount!);
        break;
      case 'closed':
        await this.cases.close(m, c.id, dto.reason!, now);
        break;
    }
  }
}
