import { orderBySql, Queryable, queryAffected, queryOne, queryRows, SortParams } from '#core';
import type { CaseSort, ChecklistSort } from '../dto/inspection-case.dto';
import { caseOverdueSql } from '../rules/case-overdue';
import { Injectable } from '@nestjs/common';

export interface CaseRow {
  id: number;
  campaignId: number;
  listId: number;
  employerId: number;
  uscc: string;
  employerName: string;
  address: string | null;
  legalRepresentative: string | null;
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

/** A case with the paths its visibility is decided on. */
export type ScopedCaseRow = CaseRow & { departmentPath: string; employerPath: string };

export interface PreviousCaseRow {
  id: number;
  employerId: number;
  departmentName: string;
  openedAt: Date;
  closedAt: Date | null;
  resolution: string | null;
  closeReason: string | null;
}

export interface CaseEventRow {
  kind: string;
  at: Date;
  actor: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  findings: string | null;
  deadline: string | null;
  enrolledCount: number | null;
  amount: string | null;
  reason: string | null;
}

/** An event row to write; the fields an outcome does not carry are null. */
export interface NewCaseEvent {
  caseId: number;
  kind: string;
  at: Date;
  actorId: number | null;
  findings: string | null;
  deadline: string | null;
  enrolledCount: number | null;
  amount: number | null;
  reason: string | null;
}

/** Who looks at cases: whether they see all, their unit's path, their id. */
export interface CaseViewer {
  seesAll: boolean;
  orgUnitPath: string;
  userId: number;
}

export interface CaseFilter extends CaseViewer {
  departmentId: number | null;
  status: string | null;
  assigneeId: number | null;
  campaignId: number | null;
  listId: number | null;
  unassigned: boolean;
  overdue: boolean;
  dueBefore: string | null;
  search: string | null;
  /** the business date overdue is judged on */
  today: string;
  /** only employers of the subtree with this path prefix, or null */
  unitPath: string | null;
}

export interface RectificationDueRow {
  id: string;
  campaign_id: number;
  deadline: string;
  assignee_id: number | null;
  department_id: number;
  name: string;
  overdue_at: Date | null;
}

const CASE_COLUMNS = `c.id::int, c.campaign_id AS "campaignId", c.list_id AS "listId", c.employer_id::int AS "employerId", e.uscc, e.name AS "employerName",
         e.address, e.legal_representative AS "legalRepresentative", d.name AS "districtName", t.name AS "townName", e.uninsured_count AS "uninsuredCount", le.refusal_count AS "refusalCount",
         c.department_id AS "departmentId", dep.name AS "departmentName", c.status, c.resolution, c.assignee_id AS "assigneeId",
         a.display_name AS "assigneeName", c.opened_at AS "openedAt", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate",
         to_char(c.rectification_deadline, 'YYYY-MM-DD') AS "rectificationDeadline", c.rectification_overdue_at AS "rectificationOverdueAt",
         c.enrolled_count AS "enrolledCount", c.penalty_amount AS "penaltyAmount", c.referred_to_tax_at AS "referredToTaxAt",
         c.closed_at AS "closedAt", c.close_reason AS "closeReason"`;
const CASE_FROM = `
    FROM inspection_case c
    JOIN registry_employer_v e ON e.id = c.employer_id
    JOIN inspection_list_entry le ON le.id = c.list_entry_id
    JOIN org_unit_v dep ON dep.id = c.department_id
    LEFT JOIN org_unit_v d ON d.id = le.district_id
    LEFT JOIN org_unit_v t ON t.id = le.town_id
    LEFT JOIN org_user_v a ON a.id = c.assignee_id`;
const CASE_SELECT = `SELECT ${CASE_COLUMNS}${CASE_FROM}`;
const SCOPED_CASE_SELECT = `SELECT c.department_path AS "departmentPath", e.org_unit_path AS "employerPath", ${CASE_COLUMNS}${CASE_FROM}`;
// A case is visible to whoever sees all, to its department, to its assignee, and to the units above the employer:
// the one definition, for lists (a WHERE) and for one case (a column). $1 sees all, $2 unit path, $3 user id.
const VISIBLE_TO = `($1 OR c.department_path LIKE $2 || '%' OR c.assignee_id = $3 OR e.org_unit_path LIKE $2 || '%')`;
// $4 department, $5 status, $6 assignee, $7 campaign, $8 list, $9 due on or before (each or null); $10 unassigned only,
// $11 overdue only (on the business date $13); $12 text pattern or null; $14 employer's unit subtree (path prefix) or null
const VISIBLE_CASES = `WHERE ${VISIBLE_TO} AND ($4::int IS NULL OR c.department_id = $4) AND ($5::text IS NULL OR c.status = $5)
    AND ($6::int IS NULL OR c.assignee_id = $6) AND ($7::int IS NULL OR c.campaign_id = $7) AND ($8::int IS NULL OR c.list_id = $8)
    AND ($9::date IS NULL OR c.due_date <= $9) AND (NOT $10 OR c.assignee_id IS NULL) AND (NOT $11 OR ${caseOverdueSql(13)})
    AND ($12::text IS NULL OR e.name ILIKE $12 OR e.uscc ILIKE $12)
    AND ($14::text IS NULL OR e.org_unit_path LIKE $14 || '%')`;
const CASE_ORDER = 'c.status DESC, c.due_date, c.id';
const CASE_SORT_COLUMNS: Record<CaseSort, string> = {
  dueDate: 'c.due_date',
  openedAt: 'c.opened_at',
  employerName: 'e.name',
  uninsuredCount: 'e.uninsured_count',
  status: 'c.status',
  assigneeName: 'a.display_name',
  rectificationDeadline: 'c.rectification_deadline',
};
const CHECKLIST_SORT_COLUMNS: Record<ChecklistSort, string> = {
  dueDate: 'c.due_date',
  employerName: 'e.name',
  uninsuredCount: 'e.uninsured_count',
  rectificationDeadline: 'c.rectification_deadline',
  openedAt: 'c.opened_at',
};
// $1 assignee, $2 opened by (or null)
const CHECKLIST_CASES = `WHERE c.assignee_id = $1 AND c.status = 'open' AND ($2::timestamptz IS NULL OR c.opened_at <= $2)`;

function filterParams(f: CaseFilter): unknown[] {
  return [
    f.seesAll,
    f.orgUnitPath,
    f.userId,
    f.departmentId,
    f.status,
    f.assigneeId,
    f.campaignId,
    f.listId,
    f.dueBefore,
    f.unassigned,
    f.overdue,
    f.search ? `%${f.search}%` : null,
    f.today,
    f.unitPath,
  ];
}

/** inspection_case with its history (inspection_case_event). */
@Injectable()
export class InspectionCaseRepository {
  /** How many cases match the filter among those the user may see. */
  async countVisible(db: Queryable, f: CaseFilter): Promise<number> {
    const row = await queryOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM inspection_case c JOIN registry_employer_v e ON e.id = c.employer_id ${VISIBLE_CASES}`,
      filterParams(f),
    );
    return row!.n;
  }

  /** One page of the same, in the asked order (default open before closed, by due date). */
  pageVisible(db: Queryable, f: CaseFilter, sort: SortParams<CaseSort>, limit: number, offset: number): Promise<CaseRow[]> {
    const order = orderBySql(sort, CASE_SORT_COLUMNS, CASE_ORDER);
    return queryRows(db, `${CASE_SELECT} ${VISIBLE_CASES} ${order} LIMIT $15 OFFSET $16`, [...filterParams(f), limit, offset]);
  }

  /** One case with its department's and employer's paths, or undefined. */
  scoped(db: Queryable, id: number): Promise<ScopedCaseRow | undefined> {
    return queryOne(db, `${SCOPED_CASE_SELECT} WHERE c.id = $1`, [id]);
  }

  /** One case and whether the viewer may see it (by the same definition as the lists), or undefined. */
  viewed(db: Queryable, id: number, v: CaseViewer): Promise<(CaseRow & { visible: boolean | null }) | undefined> {
    return queryOne(db, `SELECT ${VISIBLE_TO} AS visible, ${CASE_COLUMNS}${CASE_FROM} WHERE c.id = $4`, [v.seesAll, v.orgUnitPath, v.userId, id]);
  }

  /** How many open cases are assigned to the user (opened by an instant, if given). */
  async countChecklist(db: Queryable, userId: number, openedBy: Date | null): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM inspection_case c ${CHECKLIST_CASES}`, [userId, openedBy]);
    return row!.n;
  }

  /** One page of the same, in the asked order (default by due date). */
  pageChecklist(db: Queryable, userId: number, openedBy: Date | null, sort: SortParams<ChecklistSort>, limit: number, offset: number): Promise<CaseRow[]> {
    const order = orderBySql(sort, CHECKLIST_SORT_COLUMNS, 'c.due_date, c.id');
    return queryRows(db, `${CASE_SELECT} ${CHECKLIST_CASES} ${order} LIMIT $3 OFFSET $4`, [userId, openedBy, limit, offset]);
  }

  /** The case's history with the actors' names, in order. */
  events(db: Queryable, caseId: number): Promise<CaseEventRow[]> {
    return queryRows(
      db,
      `SELECT ev.kind, ev.at, u.display_name AS actor, ev.assignee_id AS "assigneeId", au.display_name AS "assigneeName", ev.findings, to_char(ev.deadline, 'YYYY-MM-DD') AS deadline,
              ev.enrolled_count AS "enrolledCount", ev.amount, ev.reason
         FROM inspection_case_event ev LEFT JOIN org_user_v u ON u.id = ev.actor_id LEFT JOIN org_user_v au ON au.id = ev.assignee_id
        WHERE ev.case_id = $1 ORDER BY ev.at, ev.id`,
      [caseId],
    );
  }

  /** Every case of the employers with its department's name, newest first. */
  ofEmployers(db: Queryable, employerIds: number[]): Promise<PreviousCaseRow[]> {
    return queryRows(
      db,
      `SELECT c.id::int, c.employer_id::int AS "employerId", dep.name AS "departmentName", c.opened_at AS "openedAt", c.closed_at AS "closedAt",
                c.resolution, c.close_reason AS "closeReason"
           FROM inspection_case c JOIN org_unit_v dep ON dep.id = c.department_id WHERE c.employer_id = ANY($1::bigint[]) ORDER BY c.opened_at DESC, c.id DESC`,
      [employerIds],
    );
  }

  /** The case's status and assignee, the row locked until the transaction ends. */
  async lock(db: Queryable, id: number): Promise<{ status: string; assignee_id: number | null }> {
    const row = await queryOne<{ status: string; assignee_id: number | null }>(db, `SELECT status, assignee_id FROM inspection_case WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return row!;
  }

  /** The department's open unassigned case ids (of one list, if given) by due date, locked. */
  async lockUnassigned(db: Queryable, departmentId: number, listId: number | null = null): Promise<number[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT id FROM inspection_case WHERE department_id = $1 AND status = 'open' AND assignee_id IS NULL AND ($2::int IS NULL OR list_id = $2)
        ORDER BY due_date, id FOR UPDATE`,
      [departmentId, listId],
    );
    return rows.map((r) => Number(r.id));
  }

  /** The open cases of the department per assignee. */
  openLoads(db: Queryable, departmentId: number): Promise<{ assignee_id: number; n: number }[]> {
    return queryRows(
      db,
      `SELECT assignee_id, count(*)::int AS n FROM inspection_case WHERE department_id = $1 AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
      [departmentId],
    );
  }

  /** Assigns the cases and writes their 'assigned' events; answers the events (id, case, assignee). */
  assign(
    db: Queryable,
    plan: { caseId: number; inspectorId: number }[],
    at: Date,
    actorId: number,
  ): Promise<{ id: string; case_id: string; assignee_id: number }[]> {
    return queryRows(
      db,
      `WITH p AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("caseId" bigint, "inspectorId" int)),
            u AS (UPDATE inspection_case c SET assignee_id = p."inspectorId", assigned_at = $2 FROM p WHERE c.id = p."caseId" RETURNING c.id, c.assignee_id)
       INSERT INTO inspection_case_event (case_id, kind, at, actor_id, assignee_id) SELECT id, 'assigned', $2, $3, assignee_id FROM u RETURNING id, case_id, assignee_id`,
      [JSON.stringify(plan), at, actorId],
    );
  }

  /** The cases' employer names. */
  employerNames(db: Queryable, caseIds: number[]): Promise<{ id: string; name: string }[]> {
    return queryRows(db, `SELECT c.id, e.name FROM inspection_case c JOIN registry_employer_v e ON e.id = c.employer_id WHERE c.id = ANY($1::bigint[])`, [
      caseIds,
    ]);
  }

  /** Sets a rectification deadline (also the due date) and clears an earlier overdue mark; answers the rows changed. */
  orderRectification(db: Queryable, id: number, deadline: string): Promise<number> {
    return queryAffected(db, `UPDATE inspection_case SET rectification_deadline = $2, rectification_overdue_at = NULL, due_date = $2 WHERE id = $1`, [
      id,
      deadline,
    ]);
  }

  /** Closes the case as rectified with the number enrolled; answers the rows changed. */
  closeRectified(db: Queryable, id: number, enrolledCount: number, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE inspection_case SET status = 'closed', resolution = 'rectified', enrolled_count = $2, closed_at = $3 WHERE id = $1`, [
      id,
      enrolledCount,
      at,
    ]);
  }

  /** Marks the case referred to the tax office; answers the rows changed. */
  referToTax(db: Queryable, id: number, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE inspection_case SET referred_to_tax_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Adds a penalty (yuan) to the case's total; answers the rows changed. */
  addPenalty(db: Queryable, id: number, amount: number): Promise<number> {
    return queryAffected(db, `UPDATE inspection_case SET penalty_amount = coalesce(penalty_amount, 0) + $2 WHERE id = $1`, [id, amount]);
  }

  /** Closes the case with a reason; answers the rows changed. */
  close(db: Queryable, id: number, reason: string, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE inspection_case SET status = 'closed', resolution = 'closed', close_reason = $2, closed_at = $3 WHERE id = $1`, [
      id,
      reason,
      at,
    ]);
  }

  /** Writes one event (nothing answered). */
  async insertEvent(db: Queryable, ev: NewCaseEvent): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO inspection_case_event (case_id, kind, at, actor_id, findings, deadline, enrolled_count, amount, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [ev.caseId, ev.kind, ev.at, ev.actorId, ev.findings, ev.deadline, ev.enrolledCount, ev.amount, ev.reason],
    );
  }

  /**
   * Opens a case per live entry of the list for the department (none where one is open already), assigned
   * where an assignee is given; answers the new ids.
   */
  async openForList(
    db: Queryable,
    listId: number,
    campaignId: number,
    department: { id: number; path: string },
    at: Date,
    dueDate: string,
    assignee: { id: number; at: Date } | null = null,
  ): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      `INSERT INTO inspection_case (campaign_id, list_id, list_entry_id, employer_id, department_id, department_path, status, opened_at, due_date, assignee_id, assigned_at)
       SELECT $2, le.list_id, le.id, le.employer_id, $3, $4, 'open', $5, $6, $7::int, $8::timestamptz
         FROM inspection_list_entry le WHERE le.list_id = $1 AND le.removed_at IS NULL ORDER BY le.id
       ON CONFLICT DO NOTHING RETURNING id`,
      [listId, campaignId, department.id, department.path, at, dueDate, assignee?.id ?? null, assignee?.at ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** Writes the 'opened' event of each case (nothing answered). */
  async insertOpened(db: Queryable, caseIds: string[], at: Date, actorId: number | null): Promise<void> {
    await queryRows(db, `INSERT INTO inspection_case_event (case_id, kind, at, actor_id) SELECT unnest($1::bigint[]), 'opened', $2, $3`, [
      caseIds,
      at,
      actorId,
    ]);
  }

  /** Writes the 'assigned' event of each case, all to one assignee (nothing answered). */
  async insertAssigned(db: Queryable, caseIds: string[], at: Date, actorId: number | null, assigneeId: number): Promise<void> {
    await queryRows(db, `INSERT INTO inspection_case_event (case_id, kind, at, actor_id, assignee_id) SELECT unnest($1::bigint[]), 'assigned', $2, $3, $4`, [
      caseIds,
      at,
      actorId,
      assigneeId,
    ]);
  }

  /** Open cases with a rectification deadline up to 31 days after `today` (one case, if given), with employer name. */
  rectificationsDue(db: Queryable, caseId: number | null, today: string): Promise<RectificationDueRow[]> {
    return queryRows(
      db,
      `SELECT c.id, c.campaign_id, to_char(c.rectification_deadline, 'YYYY-MM-DD') AS deadline, c.assignee_id, c.department_id, e.name,
                c.rectification_overdue_at AS overdue_at
           FROM inspection_case c JOIN registry_employer_v e ON e.id = c.employer_id
          WHERE c.status = 'open' AND c.rectification_deadline IS NOT NULL AND ($1::bigint IS NULL OR c.id = $1)
            AND c.rectification_deadline <= $2::date + 31`,
      [caseId, today],
    );
  }

  /** Marks the deadline overdue once; answers false when the case moved on or was marked already. */
  async markOverdue(db: Queryable, id: string, at: Date, deadline: string): Promise<boolean> {
    const rows = await queryRows(
      db,
      `UPDATE inspection_case SET rectification_overdue_at = $2
        WHERE id = $1 AND status = 'open' AND rectification_deadline = $3 AND rectification_overdue_at IS NULL RETURNING id`,
      [id, at, deadline],
    );
    return rows.length > 0;
  }

  /** Writes the 'overdue' event (nothing answered). */
  async insertOverdue(db: Queryable, id: string, at: Date, deadline: string): Promise<void> {
    await queryRows(db, `INSERT INTO inspection_case_event (case_id, kind, at, deadline) VALUES ($1, 'overdue', $2, $3)`, [id, at, deadline]);
  }
}
