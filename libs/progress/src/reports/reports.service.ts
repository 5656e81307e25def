import { AuditService, AuthUser, Clock, DomainError, hasRole, isIsoDate, lockRollup, Page, pageOf, refreshAttainment, Role } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreateReportDto, ReportListQuery } from '../dto/progress.dto';
import { reportProblem } from '../rules/report-rules';
import { IndicatorKind } from '../rules/rollup';

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

interface ReportRow {
  id: string;
  task_id: number;
  as_of: string;
  actual: string;
  denominator: string | null;
  reason: string | null;
  corrects_id: string | null;
  reported_by: number | null;
  reported_at: Date;
  counts?: boolean;
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

const COLS = `id, task_id, to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, denominator::text AS denominator, reason, corrects_id, reported_by, reported_at`;

/** Progress reports: append-only cumulative actuals per task and date; the latest report for a date counts. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateReportDto): Promise<ReportView> {
    if (!isIsoDate(dto.asOf)) throw DomainError.validation('asOf', 'must be a date written YYYY-MM-DD');
    return this.ds.transaction(async (m) => {
      await lockRollup(m, 'shared');
      // Lock the task: two reports for one task are judged one after the other.
      const [t]: {
        id: number;
        holder_unit_id: number;
        holder_user_id: number | null;
        withdrawn_at: Date | null;
        kind: IndicatorKind;
        starts_on: string;
        status: string;
      }[] = await m.query(
        `SELECT t.id, t.holder_unit_id, t.holder_user_id, t.withdrawn_at, i.kind, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, c.status
           FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
          WHERE t.id = $1 FOR UPDATE OF t`,
        [dto.taskId],
      );
      if (!t) throw DomainError.notFound('task', dto.taskId);
      const path = await this.scope.unitPathInScope(user, t.holder_unit_id, m);
      // a cadre's share is reported by that cadre (or the unit's managers, the office), not by another cadre
      if (t.holder_user_id !== null && t.holder_user_id !== user.id && !hasRole(user, Role.UnitManager, Role.Office, Role.Leader))
        throw DomainError.forbidden(`task ${t.id} is held by another cadre: only that cadre or the unit's managers report on it`);
      if (t.status === 'closed') throw DomainError.invalidState('the campaign is closed: no more reports');
      if (t.withdrawn_at) throw DomainError.invalidState(`task ${t.id} was withdrawn from its split: it takes no more reports`);
      const [prev]: { as_of: string; actual: string }[] = await m.query(
        `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual FROM progress_report
          WHERE task_id = $1 AND as_of < $2 ORDER BY as_of DESC, id DESC LIMIT 1`,
        [t.id, dto.asOf],
      );
      const [same]: { id: string }[] = await m.query(`SELECT id FROM progress_report WHERE task_id = $1 AND as_of = $2 ORDER BY id DESC LIMIT 1`, [
        t.id,
        dto.asOf,
      ]);
      const [next]: { as_of: string; actual: string }[] = await m.query(
        `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual FROM progress_report
          WHERE task_id = $1 AND as_of > $2 ORDER BY as_of, id DESC LIMIT 1`,
        [t.id, dto.asOf],
      );
      const [split]: { units: number; cadres: number }[] = await m.query(
        `SELECT count(*) FILTER (WHERE holder_user_id IS NULL)::int AS units, count(*) FILTER (WHERE holder_user_id IS NOT NULL)::int AS cadres
           FROM task WHERE parent_task_id = $1 AND withdrawn_at IS NULL`,
        [t.id],
      );
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
      const [row]: ReportRow[] = await m.query(
        `INSERT INTO progress_report (task_id, as_of, actual, denominator, reason, corrects_id, reported_by, reported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLS}`,
        [t.id, dto.asOf, dto.actual, dto.denominator ?? null, dto.reason?.trim() || null, same?.id ?? null, user.id, this.clock.now()],
      );
      await refreshAttainment(m, [t.id], this.clock.now()); // the task and its ancestors may now be met (or, corrected, no longer)
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
    const [t]: { holder_unit_id: number }[] = await this.ds.query(`SELECT holder_unit_id FROM task WHERE id = $1`, [q.taskId]);
    if (!t) throw DomainError.notFound('task', q.taskId);
    await this.scope.unitPathInScope(user, t.holder_unit_id);
    const rows: ReportRow[] = await this.ds.query(
      `SELECT ${COLS}, id = max(id) OVER (PARTITION BY as_of) AS counts FROM progress_report WHERE task_id = $1
        ORDER BY as_of DESC, id DESC OFFSET $2 LIMIT $3`,
      [q.taskId, q.offset, q.pageSize],
    );
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM progress_report WHERE task_id = $1`, [q.taskId]);
    return pageOf(rows.map(view), n, q);
  }
}
