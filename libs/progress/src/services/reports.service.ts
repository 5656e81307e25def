import { CampaignReader, ReportTaskRecord, TaskAttainment } from '#campaigns';
import { AuditService, AuthUser, Clock, DomainError, ErrorCode, FieldError, hasRole, isIsoDate, lockRollup, Page, pageOf, Role } from '#core';
import { OrgReader, ScopeService } from '#org';
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
  /** The figure; null on a rate-only report. */
  actual: string | null;
  denominator: string | null;
  /** A ratio reported as a rate only (按比率填报): the rate in %, actual and denominator null. */
  rateOnly: boolean;
  rate: string | null;
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

/**
 * One row of a batch (JSON or an uploaded table): the report, where the clerk finds it (`rows[3]`, the file's row
 * number) and the unit's name when it is known before judging (an upload's).
 */
export interface BatchLine {
  input: CreateReportDto;
  /** Field prefix of its errors: `rows[3]`. */
  key: string;
  /** 1-based row number shown to the clerk (the file's row for an upload). */
  row: number;
  unitName?: string;
}

/** A judged batch: per line its refusal (undefined when accepted), and the holders' names for the messages. */
export interface JudgedBatch {
  bad: (FieldError | undefined)[];
  judged: (Judged | undefined)[];
}

/** The 400 of a refused batch: every bad row named, nothing stored. */
export function batchRefused(fields: FieldError[]): DomainError {
  const rows = new Set(fields.map((f) => f.row ?? /^rows\[(\d+)\]/.exec(f.field)?.[1])).size;
  return new DomainError(ErrorCode.Validation, `${rows} 行未通过校验，本次上报均未保存：${fields.map((f) => f.message).join('; ')}`, fields);
}

/** `第 2 行（单位V1）` : how a message names its row. */
export const rowLabel = (row: number, unitName?: string | null) => `第 ${row} 行${unitName ? `（${unitName}）` : ''}`;

const view = (r: ReportRow): ReportView => ({
  id: Number(r.id),
  taskId: r.task_id,
  asOf: r.as_of,
  actual: r.rate_only ? null : r.actual,
  denominator: r.denominator,
  rateOnly: r.rate_only,
  rate: r.rate,
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
    private readonly units: OrgReader,
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
   * Reports of several tasks (any units, any indicators) for one date, all or none: each row is judged as a single
   * report is (judge); any refused row refuses the batch with a 400 naming every bad row (`rows[3].actual`, its
   * number and unit in the message), and nothing is stored. A row out of the caller's subtree, or a cadre's task held
   * by another, is a bad row like any other: the batch is never stored in part.
   */
  async createBatch(user: AuthUser, dto: CreateReportBatchDto): Promise<ReportBatchView> {
    if (!isIsoDate(dto.asOf)) throw DomainError.validation('asOf', '须为日期，格式 YYYY-MM-DD（must be a date written YYYY-MM-DD）');
    const lines: BatchLine[] = dto.rows.map((r, i) => ({ input: { ...r, asOf: dto.asOf }, key: `rows[${i}]`, row: i + 1 }));
    return this.ds.transaction(async (m) => {
      const j = await this.judgeBatch(m, user, lines);
      const refused = j.bad.filter((b): b is FieldError => !!b);
      if (refused.length) throw batchRefused(refused);
      return { asOf: dto.asOf, reports: await this.storeBatch(m, user, lines, j) };
    });
  }

  /**
   * Judges the lines of a batch in the caller's transaction (which takes the shared rollup lock), in task id order
   * (the order writers lock tasks in): a task listed twice, and every refusal of a single report, make bad lines.
   */
  async judgeBatch(m: EntityManager, user: AuthUser, lines: BatchLine[]): Promise<JudgedBatch> {
    await lockRollup(m, 'shared');
    const bad: (FieldError | undefined)[] = [];
    const judged: (Judged | undefined)[] = [];
    const firstOf = new Map<number, number>();
    lines.forEach((l, i) => {
      const first = firstOf.get(l.input.taskId);
      if (first === undefined) firstOf.set(l.input.taskId, i);
      else
        bad[i] = {
          field: `${l.key}.taskId`,
          row: l.row,
          message: `${rowLabel(l.row, l.unitName)}：同一任务在本次上报中重复（与第 ${lines[first].row} 行相同） (task ${l.input.taskId} is listed twice)`,
        };
    });
    const order = lines.map((_, i) => i).sort((a, b) => lines[a].input.taskId - lines[b].input.taskId);
    for (const i of order) if (!bad[i]) judged[i] = await this.judge(m, user, lines[i].input);
    const holders = [...new Set(judged.flatMap((j) => (j?.refusal && j.task ? [j.task.holder_unit_id] : [])))];
    const names = new Map((holders.length ? await this.units.units(m, holders) : []).map((u) => [u.id, u.name]));
    judged.forEach((j, i) => {
      if (!j?.refusal) return;
      const l = lines[i];
      const unit = l.unitName ?? (j.task ? names.get(j.task.holder_unit_id) : undefined);
      bad[i] = { field: `${l.key}.${j.refusal.field}`, row: l.row, message: `${rowLabel(l.row, unit)}：${j.refusal.message}` };
    });
    return { bad, judged };
  }

  /** Stores the accepted lines of a judged batch (none may be refused) in task id order: the reports, in the order of the lines. */
  async storeBatch(m: EntityManager, user: AuthUser, lines: BatchLine[], j: JudgedBatch): Promise<ReportView[]> {
    const order = lines.map((_, i) => i).sort((a, b) => lines[a].input.taskId - lines[b].input.taskId);
    const rows: ReportRow[] = [];
    for (const i of order) rows[i] = await this.store(m, user, j.judged[i] as Accepted, lines[i].input);
    await this.attainment.refresh(
      m,
      order.map((i) => lines[i].input.taskId),
      this.clock.now(),
    );
    return rows.map(view);
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
    let path: string;
    try {
      path = await this.scope.unitPathInScope(user, t.holder_unit_id, m);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== ErrorCode.OutOfScope) throw e;
      const error = new DomainError(
        ErrorCode.OutOfScope,
        `任务 ${t.id} 的承担单位不在您所在单位的范围内，不能上报（task ${t.id} is held outside your organisation unit）`,
      );
      return { task: t, refusal: { error, field: 'taskId', message: error.message } };
    }
    const refuse = (error: DomainError): Judged => ({ task: t, path, refusal: { error, field: 'taskId', message: error.message } });
    // a cadre's share is reported by that cadre (or the unit's managers, the office), not by another cadre
    if (t.holder_user_id !== null && t.holder_user_id !== user.id && !hasRole(user, Role.UnitManager, Role.Office, Role.Leader))
      return refuse(
        DomainError.forbidden(
          `任务 ${t.id} 由其他干部承担，只有该干部或本单位负责人可以上报（task ${t.id} is held by another cadre: only that cadre or the unit's managers report on it）`,
        ),
      );
    if (t.source !== 'reports') {
      const message = `任务 ${t.id} 的指标由征地项目或困难群体记录自动计算，不能填报（task ${t.id}'s indicator is computed from the records, never reported）`;
      return refuse(new DomainError(ErrorCode.Validation, message, [{ field: 'taskId', message }]));
    }
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
      { asOf: dto.asOf, actual: dto.actual ?? null, denominator: dto.denominator ?? null, rate: dto.rate ?? null, reason: dto.reason ?? null },
      {
        kind: t.kind,
        today: this.clock.today(),
        campaignStart: t.starts_on,
        previous: prev ? { asOf: prev.as_of, actual: prev.actual, rateOnly: prev.rate_only } : null,
        next: next ? { asOf: next.as_of, actual: next.actual, rateOnly: next.rate_only } : null,
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
      // a rate-only report holds no figures (the rollup counts 0 for it): see migration RateOnlyReports1764001240000
      actual: dto.rate != null ? 0 : dto.actual!,
      denominator: dto.rate != null ? null : (dto.denominator ?? null),
      rate: dto.rate ?? null,
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
      after: { taskId: t.id, asOf: row.as_of, actual: row.actual, denominator: row.denominator, rate: row.rate, reason: row.reason },
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
