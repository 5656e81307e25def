import { CampaignReader, TaskAttainment } from '#campaigns';
import { AuditService, AuthUser, Clock, DomainError, hasRole, isIsoDate, lockRollup, Page, pageOf, Role } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreateReportDto, ReportListQuery } from '../dto/progress.dto';
import { reportProblem } from '../rules/report-rules';
import { ProgressReportRepository, ReportRow } from '../repositories/progress-report.repository';
import { progressError } from '../progress.errors';

export interface ReportView {
  id: number;
  taskId: number;
  asOf: string;
  actual: string;
  denominator: string | null;
  reason: string | null;
  correctsId: number | null;
  reportedBy: number | null;
  reportedAt: Date;
  /** True for the report that counts for its date (the latest one). */
  counts: boolean;
}

const view = (r: ReportRow): ReportView => ({
  id: Number(r.id),
  taskId: r.task_id,
  asOf: r.as_of,
  actual: r.actual,
  denominator: r.denominator,
  reason: r.reason,
  correctsId: r.corrects_id === null ? null : Number(r.corrects_id),
  reportedBy: r.reported_by,
  reportedAt: r.reported_at,
  counts: r.counts ?? true,
});

/** Progress reports: append-only cumulative actuals per task and date; the latest report for a date counts. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly campaigns: CampaignReader,
    private readonly reports: ProgressReportRepository,
    private readonly attainment: TaskAttainment,
  ) {}

  async create(user: AuthUser, dto: CreateReportDto): Promise<ReportView> {
    if (!isIsoDate(dto.asOf)) throw DomainError.validation('asOf', 'must be a date written YYYY-MM-DD');
    return this.ds.transaction(async (m) => {
      await lockRollup(m, 'shared');
      // Lock the task: two reports for one task are judged one after the other.
      const t = await this.campaigns.lockTaskForReport(m, dto.taskId);
      if (!t) throw DomainError.notFound('task', dto.taskId);
      const path = await this.scope.unitPathInScope(user, t.holder_unit_id, m);
      // a cadre's share is reported by that cadre (or the unit's managers, the office), not by another cadre
      if (t.holder_user_id !== null && t.holder_user_id !== user.id && !hasRole(user, Role.UnitManager, Role.Office, Role.Leader))
        throw DomainError.forbidden(`task ${t.id} is held by another cadre: only that cadre or the unit's managers report on it`);
      if (t.status === 'closed') throw progressError('CAMPAIGN_CLOSED', 'the campaign is closed: no more reports');
      if (t.withdrawn_at) throw progressError('TASK_WITHDRAWN', `task ${t.id} was withdrawn from its split: it takes no more reports`);
      const prev = await this.reports.latestBefore(m, t.id, dto.asOf);
      const same = await this.reports.latestOn(m, t.id, dto.asOf);
      const next = await this.reports.firstAfter(m, t.id, dto.asOf);
      const split = await this.campaigns.liveSplit(m, t.id);
      const problem = reportProblem(
        { asOf: dto.asOf, actual: dto.actual, denominator: dto.denominator ?? null, reason: dto.reason ?? null },
        {
          kind: t.kind,
          today: this.clock.today(),
          campaignStart: t.starts_on,
          previous: prev ? { asOf: prev.as_of, actual: prev.actual } : null,
          next: next ? { asOf: next.as_of, actual: next.actual } : null,
          split,
          sameDateExists: !!same,
        },
      );
      if (problem) throw DomainError.validation(problem.field, problem.message);
      const row = await this.reports.insert(m, {
        taskId: t.id,
        asOf: dto.asOf,
        actual: dto.actual,
        denominator: dto.denominator ?? null,
        reason: dto.reason?.trim() || null,
        correctsId: same?.id ?? null,
        reportedBy: user.id,
        reportedAt: this.clock.now(),
      });
      await this.attainment.refresh(m, [t.id], this.clock.now()); // the task and its ancestors may now be met (or, corrected, no longer)
      await this.audit.record(m, user, {
        action: same ? 'progress.correct' : 'progress.report',
        entity: 'progress_report',
        entityId: row.id,
        orgUnitPath: path,
        after: { taskId: t.id, asOf: row.as_of, actual: row.actual, denominator: row.denominator, reason: row.reason },
      });
      return view(row);
    });
  }

  /** A task's report history, newest first, each marked whether it is the one that counts for its date. */
  async list(user: AuthUser, q: ReportListQuery): Promise<Page<ReportView>> {
    const t = await this.campaigns.task(this.ds, q.taskId);
    if (!t) throw DomainError.notFound('task', q.taskId);
    await this.scope.unitPathInScope(user, t.holderUnitId);
    const rows = await this.reports.history(this.ds, q.taskId, q.offset, q.pageSize);
    const n = await this.reports.count(this.ds, q.taskId);
    return pageOf(rows.map(view), n, q);
  }
}
