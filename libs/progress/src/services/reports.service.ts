import { CampaignReader, ReportTaskRecord, TaskAttainment } from '#campaigns';
import { AuditService, AuthUser, Clock, DomainError, ErrorCode, FieldError, hasRole, isIsoDate, lockRollup, Page, pageOf, Role } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateReportBatchDto, CreateReportDto, ReportListQuery } from '../dto/progress.dto';
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

/** What POST /api/progress-reports/batch answers: the stored reports in the order of the rows sent. */
export interface ReportBatchView {
  asOf: string;
  reports: ReportView[];
}

/** Why a report is refused: the error the single report throws, the field at fault, and the clerk's message (Chinese, then English). */
interface Refusal {
  error: DomainError;
  field: string;
  message: string;
}

/** A report judged against its task: accepted (refusal null) or refused. */
type Judged = Accepted | { task?: ReportTaskRecord; path?: string; refusal: Refusal };
interface Accepted {
  task: ReportTaskRecord;
  path: string;
  /** The report already stored for the date: this one corrects it. */
  same: { id: string } | undefined;
  refusal: null;
}

/** The 400 of a refused batch: every bad row named, nothing stored. */
function batchRefused(fields: FieldError[]): DomainError {
  const rows = new Set(fields.map((f) => /^rows\[(\d+)\]/.exec(f.field)?.[1])).size;
  return new DomainError(ErrorCode.Validation, `${rows} 行未通过校验，本次上报均未保存：${fields.map((f) => `${f.field}：${f.message}`).join('; ')}`, fields);
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
    if (!isIsoDate(dto.asOf)) throw DomainError.validation('asOf', '须为日期，格式 YYYY-MM-DD（must be a date written YYYY-MM-DD）');
    return this.ds.transaction(async (m) => {
      await lockRollup(m, 'shared');
      const judged = await this.judge(m, user, dto);
      if (judged.refusal) throw judged.refusal.error;
      const row = await this.store(m, user, judged, dto);
      await this.attainment.refresh(m, [judged.task.id], this.clock.now()); // the task and its ancestors may now be met (or, corrected, no longer)
      return view(row);
    });
  }

  /**
   * Reports of several tasks for one date, all or none: each row is judged as a single report is (judge), in task id
   * order (the order writers lock tasks in); any refused row refuses the batch with a 400 naming every bad row
   * (`rows[3].actual`), and nothing is stored. A row out of the caller's scope, or a cadre's task held by another, is a 403.
   */
  async createBatch(user: AuthUser, dto: CreateReportBatchDto): Promise<ReportBatchView> {
    if (!isIsoDate(dto.asOf)) throw DomainError.validation('asOf', '须为日期，格式 YYYY-MM-DD（must be a date written YYYY-MM-DD）');
    const inputs: CreateReportDto[] = dto.rows.map((r) => ({ ...r, asOf: dto.asOf }));
    const firstOf = new Map<number, number>();
    const twice = inputs.flatMap((r, i) => {
      if (!firstOf.has(r.taskId)) firstOf.set(r.taskId, i);
      else
        return [
          { field: `rows[${i}].taskId`, message: `同一任务在本次上报中重复（与第 ${firstOf.get(r.taskId)! + 1} 行相同） (task ${r.taskId} is listed twice)` },
        ];
      return [];
    });
    if (twice.length) throw batchRefused(twice);
    const order = inputs.map((_, i) => i).sort((a, b) => inputs[a].taskId - inputs[b].taskId);
    return this.ds.transaction(async (m) => {
      await lockRollup(m, 'shared');
      const judged: Judged[] = [];
      const bad: FieldError[] = [];
      for (const i of order) {
        let j: Judged;
        try {
          j = await this.judge(m, user, inputs[i]);
        } catch (e) {
          if (e instanceof DomainError && e.code === ErrorCode.OutOfScope) throw new DomainError(e.code, `rows[${i}].taskId：${e.message}`);
          throw e;
        }
        if (j.refusal?.error.code === ErrorCode.Forbidden) throw new DomainError(ErrorCode.Forbidden, `rows[${i}].taskId：${j.refusal.error.message}`);
        if (j.refusal) bad[i] = { field: `rows[${i}].${j.refusal.field}`, message: j.refusal.message };
        judged[i] = j;
      }
      const refused = bad.filter(Boolean);
      if (refused.length) throw batchRefused(refused);
      const rows: ReportRow[] = [];
      for (const i of order) rows[i] = await this.store(m, user, judged[i] as Accepted, inputs[i]);
      await this.attainment.refresh(
        m,
        order.map((i) => inputs[i].taskId),
        this.clock.now(),
      );
      return { asOf: dto.asOf, reports: rows.map(view) };
    });
  }

  /**
   * The task of a report, locked (two reports for one task are judged one after the other), and whether the report
   * may be stored: the refusal carries the error the single report answers and the clerk's message in Chinese.
   * Out of the caller's scope throws.
   */
  private async judge(m: EntityManager, user: AuthUser, dto: CreateReportDto): Promise<Judged> {
    const t = await this.campaigns.lockTaskForReport(m, dto.taskId);
    if (!t) {
      const error = DomainError.notFound('task', dto.taskId);
      return { refusal: { error, field: 'taskId', message: error.message } };
    }
    const path = await this.scope.unitPathInScope(user, t.holder_unit_id, m);
    const refuse = (error: DomainError): Judged => ({ task: t, path, refusal: { error, field: 'taskId', message: error.message } });
    // a cadre's share is reported by that cadre (or the unit's managers, the office), not by another cadre
    if (t.holder_user_id !== null && t.holder_user_id !== user.id && !hasRole(user, Role.UnitManager, Role.Office, Role.Leader))
      return refuse(
        DomainError.forbidden(
          `任务 ${t.id} 由其他干部承担，只有该干部或本单位负责人可以上报（task ${t.id} is held by another cadre: only that cadre or the unit's managers report on it）`,
        ),
      );
    if (t.status === 'closed') return refuse(progressError('CAMPAIGN_CLOSED', '扩面任务已结束，不再接受上报（the campaign is closed: no more reports）'));
    if (t.withdrawn_at)
      return refuse(
        progressError('TASK_WITHDRAWN', `任务 ${t.id} 已从分解方案中撤回，不再接受上报（task ${t.id} was withdrawn from its split: it takes no more reports）`),
      );
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
    if (problem) {
      const message = `${problem.zh} (${problem.message})`;
      return { task: t, path, refusal: { error: DomainError.validation(problem.field, message), field: problem.field, message } };
    }
    return { task: t, path, same, refusal: null };
  }

  /** Stores an accepted report (a correction when the date has one) and its audit row. */
  private async store(m: EntityManager, user: AuthUser, { task: t, path, same }: Accepted, dto: CreateReportDto): Promise<ReportRow> {
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
    await this.audit.record(m, user, {
      action: same ? 'progress.correct' : 'progress.report',
      entity: 'progress_report',
      entityId: row.id,
      orgUnitPath: path,
      after: { taskId: t.id, asOf: row.as_of, actual: row.actual, denominator: row.denominator, reason: row.reason },
    });
    return row;
  }

  /** A task's report history, newest first, each marked whether it is the one that counts for its date. */
  async list(user: AuthUser, q: ReportListQuery): Promise<Page<ReportView>> {
    const t = await this.campaigns.task(this.ds, q.taskId);
    if (!t) throw DomainError.notFound('task', q.taskId);
    await this.scope.unitPathInScope(user, t.holderUnitId);
    const rows = await this.reports.history(this.ds, q.taskId, q, q.offset, q.pageSize);
    const n = await this.reports.count(this.ds, q.taskId);
    return pageOf(rows.map(view), n, q);
  }
}
