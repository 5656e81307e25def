import {
  addDays,
  AuditService,
  AuthUser,
  businessDate,
  businessInstant,
  Clock,
  DomainError,
  hasRole,
  OutboxService,
  Page,
  pageOf,
  Role,
  tableWorkbook,
  XlsxFile,
} from '#core';
import { NoticesService } from '#notices';
import { EmployerEnrolment, VISIT_OUTCOME_LABELS, VisitOutcome } from '#registry';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssignEvenlyDto, CaseOutcomeDto, CaseQuery } from './dto/inspection-case.dto';
import { loadCampaignEscalation } from './escalation.service';

export interface CaseRow {
  id: number;
  campaignId: number;
  listId: number;
  employerId: number;
  uscc: string;
  employerName: string;
  address: string | null;
  districtName: string | null;
  townName: string | null;
  uninsuredCount: number;
  refusalCount: number;
  departmentId: number;
  departmentName: string;
  status: 'open' | 'closed';
  resolution: 'rectified' | 'closed' | null;
  assigneeId: number | null;
  assigneeName: string | null;
  openedAt: Date;
  dueDate: string;
  rectificationDeadline: string | null;
  rectificationOverdueAt: Date | null;
  enrolledCount: number | null;
  penaltyAmount: string | null;
  referredToTaxAt: Date | null;
  closedAt: Date | null;
  closeReason: string | null;
}

export interface ChecklistItem extends CaseRow {
  visits: { visitedAt: Date; method: string; outcome: string; note: string | null; visitor: string | null }[];
  previousCases: { id: number; departmentName: string; openedAt: Date; closedAt: Date | null; resolution: string | null; closeReason: string | null }[];
}

const CASE_SELECT = `
  SELECT c.id::int, c.campaign_id AS "campaignId", c.list_id AS "listId", c.employer_id::int AS "employerId", e.uscc, e.name AS "employerName",
         e.address, d.name AS "districtName", t.name AS "townName", e.uninsured_count AS "uninsuredCount", le.refusal_count AS "refusalCount",
         c.department_id AS "departmentId", dep.name AS "departmentName", c.status, c.resolution, c.assignee_id AS "assigneeId",
         a.display_name AS "assigneeName", c.opened_at AS "openedAt", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
         to_char(c.rectification_deadline, 'YYYY-MM-DD') AS "rectificationDeadline", c.rectification_overdue_at AS "rectificationOverdueAt",
         c.enrolled_count AS "enrolledCount", c.penalty_amount AS "penaltyAmount", c.referred_to_tax_at AS "referredToTaxAt",
         c.closed_at AS "closedAt", c.close_reason AS "closeReason"
    FROM inspection_case c
    JOIN registry_employer e ON e.id = c.employer_id
    JOIN inspection_list_entry le ON le.id = c.list_entry_id
    JOIN org_unit dep ON dep.id = c.department_id
    LEFT JOIN org_unit d ON d.id = le.district_id
    LEFT JOIN org_unit t ON t.id = le.town_id
    LEFT JOIN app_user a ON a.id = c.assignee_id`;

/**
 * Inspection cases: assignment to inspectors, the inspector's checklist, outcomes, and rectification
 * deadlines (reminder before, overdue after, escalation to the department manager), each notice once.
 */
@Injectable()
export class InspectionCasesService {
  private readonly logger = new Logger(InspectionCasesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly enrolment: EmployerEnrolment,
  ) {}

  /** A case is visible to whoever sees all, to its department, to its assignee, and to the units above the employer. */
  private visibility(user: AuthUser, first: number): { sql: string; params: unknown[] } {
    return {
      sql: `($${first} OR c.department_path LIKE $${first + 1} || '%' OR c.assignee_id = $${first + 2} OR e.org_unit_path LIKE $${first + 1} || '%')`,
      params: [user.seesAll, user.orgUnitPath, user.id],
    };
  }

  async list(user: AuthUser, q: CaseQuery): Promise<Page<CaseRow>> {
    const vis = this.visibility(user, 1);
    const params: unknown[] = [...vis.params, q.departmentId ?? null, q.status ?? null, q.assigneeId ?? null];
    const where = `WHERE ${vis.sql} AND ($4::int IS NULL OR c.department_id = $4) AND ($5::text IS NULL OR c.status = $5) AND ($6::int IS NULL OR c.assignee_id = $6)`;
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id ${where}`,
      params,
    );
    const items = await this.dataSource.query(`${CASE_SELECT} ${where} ORDER BY c.status DESC, c.due_date, c.id LIMIT $7 OFFSET $8`, [
      ...params,
      q.pageSize,
      q.offset,
    ]);
    return pageOf(items, n, q);
  }

  private async loadCase(m: EntityManager, id: number): Promise<CaseRow & { departmentPath: string; employerPath: string }> {
    const [row] = await m.query(
      `${CASE_SELECT.replace('SELECT c.id::int,', 'SELECT c.department_path AS "departmentPath", e.org_unit_path AS "employerPath", c.id::int,')} WHERE c.id = $1`,
      [id],
    );
    if (!row) throw DomainError.notFound('inspection case', id);
    return row;
  }

  private canSee(user: AuthUser, c: { departmentPath: string; employerPath: string; assigneeId: number | null }): boolean {
    return user.seesAll || c.departmentPath.startsWith(user.orgUnitPath) || c.assigneeId === user.id || c.employerPath.startsWith(user.orgUnitPath);
  }

  /** One case with the employer's visit history, earlier cases and the case's own history. */
  async get(user: AuthUser, id: number): Promise<ChecklistItem & { events: unknown[] }> {
    const c = await this.loadCase(this.dataSource.manager, id);
    if (!this.canSee(user, c)) throw DomainError.outOfScope(`inspection case ${id} is outside your unit`);
    const [item] = await this.withHistory([c]);
    const events = await this.dataSource.query(
      `SELECT ev.kind, ev.at, u.display_name AS actor, ev.assignee_id AS "assigneeId", ev.findings, to_char(ev.deadline, 'YYYY-MM-DD') AS deadline,
              ev.enrolled_count AS "enrolledCount", ev.amount, ev.reason
         FROM inspection_case_event ev LEFT JOIN app_user u ON u.id = ev.actor_id WHERE ev.case_id = $1 ORDER BY ev.at, ev.id`,
      [id],
    );
    const { departmentPath: _d, employerPath: _e, ...rest } = item as ChecklistItem & { departmentPath?: string; employerPath?: string };
    return { ...rest, events };
  }

  private async withHistory(cases: CaseRow[]): Promise<ChecklistItem[]> {
    if (!cases.length) return [];
    const employerIds = [...new Set(cases.map((c) => c.employerId))];
    const visits: { employerId: number; visitedAt: Date; method: string; outcome: string; note: string | null; visitor: string | null }[] =
      await this.dataSource.query(
        `SELECT v.employer_id::int AS "employerId", v.visited_at AS "visitedAt", v.method, v.outcome, v.note, u.display_name AS visitor
         FROM registry_visit v LEFT JOIN app_user u ON u.id = v.visitor_id WHERE v.employer_id = ANY($1::bigint[]) ORDER BY v.visited_at DESC, v.id DESC`,
        [employerIds],
      );
    const previous: {
      id: number;
      employerId: number;
      departmentName: string;
      openedAt: Date;
      closedAt: Date | null;
      resolution: string | null;
      closeReason: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.id::int, c.employer_id::int AS "employerId", dep.name AS "departmentName", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
                c.resolution, c.close_reason AS "closeReason"
           FROM inspection_case c JOIN org_unit dep ON dep.id = c.department_id WHERE c.employer_id = ANY($1::bigint[]) ORDER BY c.opened_at DESC, c.id DESC`,
      [employerIds],
    );
    return cases.map((c) => ({
      ...c,
      visits: visits.filter((v) => v.employerId === c.employerId).map(({ employerId: _, ...v }) => v),
      previousCases: previous.filter((p) => p.employerId === c.employerId && p.id !== c.id).map(({ employerId: _, ...p }) => p),
    }));
  }

  /** The department's manager (unit_manager at that department) or an admin. */
  private assertManager(user: AuthUser, departmentId: number): void {
    if (user.roles.includes(Role.Admin)) return;
    if (!hasRole(user, Role.UnitManager)) throw DomainError.forbidden('only the department manager assigns cases');
    if (user.orgUnitId !== departmentId) throw DomainError.outOfScope('this case belongs to another department');
  }

  private async inspectorsOf(m: EntityManager, departmentId: number): Promise<{ id: number; display_name: string }[]> {
    return m.query(`SELECT id, display_name FROM app_user WHERE active AND org_unit_id = $1 AND 'inspector' = ANY(roles) ORDER BY id`, [departmentId]);
  }

  async assign(user: AuthUser, id: number, inspectorId: number): Promise<CaseRow> {
    const c = await this.loadCase(this.dataSource.manager, id);
    this.assertManager(user, c.departmentId);
    await this.dataSource.transaction(async (m) => {
      const [locked] = await m.query(`SELECT status, assignee_id FROM inspection_case WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.status !== 'open') throw DomainError.invalidState(`inspection case ${id} is closed`);
      const inspectors = await this.inspectorsOf(m, c.departmentId);
      if (!inspectors.some((i) => i.id === inspectorId))
        throw DomainError.validation('inspectorId', `user ${inspectorId} is not an active inspector of ${c.departmentName}`);
      if (locked.assignee_id === inspectorId) return;
      await this.assignMany(m, user, [{ caseId: id, inspectorId, before: locked.assignee_id }]);
    });
    const { departmentPath: _d, employerPath: _e, ...row } = await this.loadCase(this.dataSource.manager, id);
    return row;
  }

  /** Spreads the department's unassigned open cases over its inspectors so that open loads end as even as possible. */
  async assignEvenly(user: AuthUser, dto: AssignEvenlyDto): Promise<{ assigned: number; loads: { inspectorId: number; name: string; openCases: number }[] }> {
    const [dep] = await this.dataSource.query(`SELECT id, level FROM org_unit WHERE id = $1`, [dto.departmentId]);
    if (!dep) throw DomainError.notFound('department', dto.departmentId);
    this.assertManager(user, dto.departmentId);
    return this.dataSource.transaction(async (m) => {
      const inspectors = await this.inspectorsOf(m, dto.departmentId);
      if (!inspectors.length) throw DomainError.invalidState('the department has no active inspector');
      const cases: { id: string }[] = await m.query(
        `SELECT id FROM inspection_case WHERE department_id = $1 AND status = 'open' AND assignee_id IS NULL ORDER BY due_date, id FOR UPDATE`,
        [dto.departmentId],
      );
      const loadRows: { assignee_id: number; n: number }[] = await m.query(
        `SELECT assignee_id, count(*)::int AS n FROM inspection_case WHERE department_id = $1 AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
        [dto.departmentId],
      );
      const load = new Map(inspectors.map((i) => [i.id, loadRows.find((r) => r.assignee_id === i.id)?.n ?? 0]));
      const plan = cases.map((c) => {
        // least loaded first; ties to the lower user id
        const [inspectorId] = [...load.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0];
        load.set(inspectorId, load.get(inspectorId)! + 1);
        return { caseId: Number(c.id), inspectorId, before: null };
      });
      await this.assignMany(m, user, plan);
      return {
        assigned: plan.length,
        loads: inspectors.map((i) => ({ inspectorId: i.id, name: i.display_name, openCases: load.get(i.id)! })),
      };
    });
  }

  private async assignMany(m: EntityManager, user: AuthUser, plan: { caseId: number; inspectorId: number; before: number | null }[]): Promise<void> {
    if (!plan.length) return;
    const now = this.clock.now();
    const events: { id: string; case_id: string; assignee_id: number }[] = await m.query(
      `WITH p AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("caseId" bigint, "inspectorId" int)),
            u AS (UPDATE inspection_case c SET assignee_id = p."inspectorId", assigned_at = $2 FROM p WHERE c.id = p."caseId" RETURNING c.id, c.assignee_id)
       INSERT INTO inspection_case_event (case_id, kind, at, actor_id, assignee_id) SELECT id, 'assigned', $2, $3, assignee_id FROM u RETURNING id, case_id, assignee_id`,
      [JSON.stringify(plan), now, user.id],
    );
    await this.audit.recordMany(
      m,
      user,
      plan.map((p) => ({
        action: 'inspection_case.assign',
        entity: 'inspection_case',
        entityId: p.caseId,
        before: { assigneeId: p.before },
        after: { assigneeId: p.inspectorId },
      })),
    );
    const names: { id: string; name: string }[] = await m.query(
      `SELECT c.id, e.name FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id WHERE c.id = ANY($1::bigint[])`,
      [plan.map((p) => p.caseId)],
    );
    await this.notices.notify(
      m,
      events.map((ev) => {
        const name = names.find((n) => n.id === ev.case_id)?.name ?? '';
        return {
          recipientUserId: ev.assignee_id,
          kind: 'inspection.case_assigned',
          subject: `新分派检查案件：${name}`,
          body: `案件 ${ev.case_id}（${name}）已分派给您，请列入检查清单。`,
          link: { entity: 'inspection_case', id: ev.case_id },
          dedupeKey: `inspection-case-assigned-${ev.id}`,
        };
      }),
    );
  }

  /** The inspector's checklist: open cases assigned to them, by due date, each with employer, visit history and earlier cases. */
  async checklist(user: AuthUser, q: { page: number; pageSize: number; offset: number }, openedBy?: Date): Promise<Page<ChecklistItem>> {
    const params: unknown[] = [user.id, openedBy ?? null];
    const where = `WHERE c.assignee_id = $1 AND c.status = 'open' AND ($2::timestamptz IS NULL OR c.opened_at <= $2)`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM inspection_case c ${where}`, params);
    const rows: CaseRow[] = await this.dataSource.query(`${CASE_SELECT} ${where} ORDER BY c.due_date, c.id LIMIT $3 OFFSET $4`, [
      ...params,
      q.pageSize,
      q.offset,
    ]);
    return pageOf(await this.withHistory(rows), n, q);
  }

  /** The checklist for a day in the field, as XLSX with Chinese headers. */
  async checklistXlsx(user: AuthUser, date?: string): Promise<XlsxFile> {
    const day = date ?? this.clock.today();
    const endOfDay = businessInstant(addDays(day, 1));
    const { items } = await this.checklist(user, { page: 1, pageSize: 10000, offset: 0 }, endOfDay);
    return tableWorkbook(`inspection-checklist-${day}.xlsx`, [
      {
        name: '检查清单',
        title: `劳动保障检查清单（${day}，检查人员：${user.username}）`,
        headers: [
          '序号',
          '案件编号',
          '用人单位名称',
          '统一社会信用代码',
          '地址',
          '所属区县',
          '所属镇街',
          '未参保人数',
          '拒绝参保次数',
          '办理期限',
          '限期改正截止日',
          '走访记录',
          '既往案件',
        ],
        rows: items.map((c, i) => [
          i + 1,
          c.id,
          c.employerName,
          c.uscc,
          c.address ?? '',
          c.districtName ?? '',
          c.townName ?? '',
          c.uninsuredCount,
          c.refusalCount,
          c.dueDate,
          c.rectificationDeadline ?? '',
          c.visits.map((v) => `${businessDate(new Date(v.visitedAt))} ${VISIT_OUTCOME_LABELS[v.outcome as VisitOutcome] ?? v.outcome}`).join('；'),
          c.previousCases
            .map(
              (p) => `${p.departmentName} ${businessDate(new Date(p.openedAt))} ${p.resolution === 'rectified' ? '已整改' : p.closedAt ? '已结案' : '办理中'}`,
            )
            .join('；'),
        ]),
        widths: [6, 10, 30, 22, 30, 10, 12, 10, 12, 12, 14, 40, 30],
      },
    ]);
  }

  /** Records an inspector's outcome on a case; rectified and closed end it. */
  async recordOutcome(user: AuthUser, id: number, dto: CaseOutcomeDto): Promise<CaseRow> {
    const c = await this.loadCase(this.dataSource.manager, id);
    const isManager = hasRole(user, Role.UnitManager) && user.orgUnitId === c.departmentId;
    if (c.assigneeId !== user.id && !isManager && !user.roles.includes(Role.Admin)) {
      throw DomainError.forbidden('only the assigned inspector or the department manager records outcomes');
    }
    const campaign = await loadCampaignEscalation(this.dataSource.manager, c.campaignId);
    const today = this.clock.today();
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const [locked] = await m.query(`SELECT status FROM inspection_case WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.status !== 'open') throw DomainError.invalidState(`inspection case ${id} is closed`);
      const event: Record<string, unknown> = { findings: null, deadline: null, enrolled_count: null, amount: null, reason: null };
      switch (dto.kind) {
        case 'visited':
          if (!dto.findings) throw DomainError.validation('findings', 'say what was found on the visit');
          event.findings = dto.findings;
          break;
        case 'rectification_ordered': {
          const deadline = dto.deadline ?? addDays(today, campaign.settings.rectificationDays);
          if (deadline <= today) throw DomainError.validation('deadline', `the rectification deadline must be after today (${today})`);
          event.deadline = deadline;
          event.findings = dto.findings ?? null;
          await m.query(`UPDATE inspection_case SET rectification_deadline = $2, rectification_overdue_at = NULL, due_date = $2 WHERE id = $1`, [id, deadline]);
          // Delayed checks at the reminder and overdue instants; the periodic reconcile catches anything these miss.
          const reminderAt = businessInstant(addDays(deadline, -campaign.settings.rectificationReminderDays), campaign.settings.reminderTime);
          const overdueAt = businessInstant(addDays(deadline, 1));
          await this.outbox.enqueueMany(m, [
            {
              name: 'enforcement.rectification-check',
              payload: { caseId: id },
              opts: { jobId: `rectification-${id}-${deadline}-reminder`, runAt: reminderAt },
            },
            { name: 'enforcement.rectification-check', payload: { caseId: id }, opts: { jobId: `rectification-${id}-${deadline}-overdue`, runAt: overdueAt } },
          ]);
          break;
        }
        case 'rectified': {
          if (dto.enrolledCount === undefined) throw DomainError.validation('enrolledCount', 'give the number of employees enrolled');
          event.enrolled_count = dto.enrolledCount;
          event.findings = dto.findings ?? null;
          await m.query(`UPDATE inspection_case SET status = 'closed', resolution = 'rectified', enrolled_count = $2, closed_at = $3 WHERE id = $1`, [
            id,
            dto.enrolledCount,
            now,
          ]);
          // The registry records the enrolment; progress credits it to the employer's unit where the campaign
          // links an indicator to inspection enrolments (through the outbox: once, even if Redis is down now).
          const { campaignId, orgUnitId, enrolled } = await this.enrolment.enrolledByInspection(m, user, c.employerId, dto.enrolledCount, now);
          if (enrolled > 0)
            await this.outbox.enqueue(
              m,
              'progress.credit',
              { campaignId, orgUnitId, amount: enrolled, source: 'inspection', sourceRef: `case-${id}`, on: today },
              { jobId: `credit-inspection-case-${id}` },
            );
          break;
        }
        case 'referred_to_tax':
          event.findings = dto.findings ?? null;
          await m.query(`UPDATE inspection_case SET referred_to_tax_at = $2 WHERE id = $1`, [id, now]);
          break;
        case 'penalised':
          if (dto.amount === undefined) throw DomainError.validation('amount', 'give the penalty amount in yuan');
          event.amount = dto.amount;
          event.findings = dto.findings ?? null;
          await m.query(`UPDATE inspection_case SET penalty_amount = coalesce(penalty_amount, 0) + $2 WHERE id = $1`, [id, dto.amount]);
          break;
        case 'closed':
          if (!dto.reason) throw DomainError.validation('reason', 'say why the case is closed');
          event.reason = dto.reason;
          await m.query(`UPDATE inspection_case SET status = 'closed', resolution = 'closed', close_reason = $2, closed_at = $3 WHERE id = $1`, [
            id,
            dto.reason,
            now,
          ]);
          break;
      }
      await m.query(
        `INSERT INTO inspection_case_event (case_id, kind, at, actor_id, findings, deadline, enrolled_count, amount, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, dto.kind, now, user.id, event.findings, event.deadline, event.enrolled_count, event.amount, event.reason],
      );
      await this.audit.record(m, user, {
        action: `inspection_case.${dto.kind}`,
        entity: 'inspection_case',
        entityId: id,
        orgUnitPath: c.employerPath,
        before: { status: c.status },
        after: { kind: dto.kind, ...event },
      });
    });
    const { departmentPath: _d, employerPath: _e, ...row } = await this.loadCase(this.dataSource.manager, id);
    return row;
  }

  /**
   * Rectification deadlines as of Clock.now(): the assignee is reminded from N days before the deadline;
   * from the day after it the case is marked overdue (once) and the department manager is notified.
   * Every notice carries a dedupe key, so repeated sweeps and several workers notify once.
   */
  async sweepRectifications(caseId?: number): Promise<{ reminded: number; overdue: number }> {
    const now = this.clock.now();
    const today = businessDate(now);
    const rows: {
      id: string;
      campaign_id: number;
      deadline: string;
      assignee_id: number | null;
      department_id: number;
      name: string;
      overdue_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.campaign_id, to_char(c.rectification_deadline, 'YYYY-MM-DD') AS deadline, c.assignee_id, c.department_id, e.name,
                c.rectification_overdue_at AS overdue_at
           FROM inspection_case c JOIN registry_employer e ON e.id = c.employer_id
          WHERE c.status = 'open' AND c.rectification_deadline IS NOT NULL AND ($1::bigint IS NULL OR c.id = $1)
            AND c.rectification_deadline <= $2::date + 31`,
      [caseId ?? null, today],
    );
    let reminded = 0;
    let overdue = 0;
    for (const r of rows) {
      const { settings } = await loadCampaignEscalation(this.dataSource.manager, r.campaign_id);
      if (today > r.deadline) {
        if (r.overdue_at) continue;
        const marked = await this.dataSource.transaction(async (m) => {
          const [u] = await m.query(
            // (wrapped in a CTE: TypeORM answers a bare UPDATE ... RETURNING as [rows, count])
            `WITH u AS (UPDATE inspection_case SET rectification_overdue_at = $2
                          WHERE id = $1 AND status = 'open' AND rectification_deadline = $3 AND rectification_overdue_at IS NULL RETURNING id)
             SELECT id FROM u`,
            [r.id, now, r.deadline],
          );
          if (!u) return false;
          await m.query(`INSERT INTO inspection_case_event (case_id, kind, at, deadline) VALUES ($1, 'overdue', $2, $3)`, [r.id, now, r.deadline]);
          const managers = await this.notices.recipients(m, [r.department_id], [Role.UnitManager]);
          const to = [...new Set([...managers, ...(r.assignee_id ? [r.assignee_id] : [])])];
          await this.notices.notify(
            m,
            to.map((uid) => ({
              recipientUserId: uid,
              kind: 'inspection.rectification_overdue',
              subject: `限期改正逾期：${r.name}`,
              body: `案件 ${r.id}（${r.name}）限期改正截止 ${r.deadline}，至今未整改，请督办。`,
              link: { entity: 'inspection_case', id: r.id },
              dedupeKey: `rectification-overdue-${r.id}-${r.deadline}-${uid}`,
            })),
          );
          return true;
        });
        if (marked) overdue++;
      } else if (r.assignee_id && today >= addDays(r.deadline, -settings.rectificationReminderDays)) {
        await this.dataSource.transaction((m) =>
          this.notices.notify(m, [
            {
              recipientUserId: r.assignee_id!,
              kind: 'inspection.rectification_reminder',
              subject: `限期改正即将到期：${r.name}`,
              body: `案件 ${r.id}（${r.name}）限期改正截止 ${r.deadline}，请及时复查。`,
              link: { entity: 'inspection_case', id: r.id },
              dedupeKey: `rectification-reminder-${r.id}-${r.deadline}`,
            },
          ]),
        );
        reminded++;
      }
    }
    if (overdue) this.logger.log(`${overdue} rectification deadline(s) overdue`);
    return { reminded, overdue };
  }
}
