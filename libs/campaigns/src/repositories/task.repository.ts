import { orderBySql, Queryable, queryOne, queryRows, rankSql, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { IndicatorKind, IndicatorSource, TASK_STATUSES } from '../campaigns.types';
import type { TaskSort } from '../dto/task.dto';
import { TaskSummary } from '../dto/task.types';

/** The parent task an allocation splits, with what the rules need. */
export interface ParentTaskRow {
  id: number;
  campaign_id: number;
  indicator_id: number;
  holder_unit_id: number;
  /** Set when a cadre holds the task (a share of a unit split over its cadres): such a task is not split further. */
  holder_user_id: number | null;
  holder_path: string;
  holder_name: string;
  target: string | null;
  deadline: string;
  withdrawn_at: Date | null;
  kind: IndicatorKind;
  indicator_name: string;
  unit: string;
  campaign_status: string;
  settings: unknown;
}

/** A child task of a split, locked, as approving a new version finds it. */
export interface ChildTaskRow {
  id: number;
  deadline: string;
  deadline_version: number;
  status: string;
  target: string | null;
  withdrawn_at: Date | null;
}

/** A task whose deadline events are (re)planned. */
export interface PlanningTaskRow {
  id: number;
  deadline: string;
  deadline_version: number;
  settings: unknown;
  campaign_id: number;
  withdrawn: boolean;
  status: string;
}

/** A task a deadline event acts on, with the names its notices use and who it escalates to. */
export interface EventTaskRow {
  id: number;
  campaign_id: number;
  holder_unit_id: number;
  holder_user_id: number | null;
  parent_task_id: number | null;
  status: string;
  deadline_version: number;
  withdrawn_at: Date | null;
  deadline: string;
  target: string | null;
  indicator_name: string;
  holder_name: string;
  campaign_name: string;
  campaign_unit_id: number;
  parent_holder_unit_id: number | null;
}

/** A task whose target or deadline changed, with its approved split (if any). */
export interface ChangedTaskRow {
  id: number;
  holder_unit_id: number;
  holder_name: string;
  target: string | null;
  deadline: string;
  kind: IndicatorKind;
  indicator_name: string;
  settings: unknown;
  allocation_id: number | null;
  allocation_version: number | null;
  out_of_step: string | null;
}

/** A live task named by a refused unit move or user change; total: how many there are in all. */
export interface LiveTaskRow {
  task_id: number;
  campaign: string;
  indicator: string;
  unit: string;
  target: string | null;
  total: number;
}

/** Which tasks a task list shows (withdrawn ones never). */
export type TaskListScope = { holderUserId: number } | { holderUnitId: number } | { scope: Scope };

const SUMMARY = `SELECT t.id, t.campaign_id AS "campaignId", c.name AS "campaignName", t.indicator_id AS "indicatorId", i.code AS "indicatorCode", i.name AS "indicatorName",
       i.kind, i.unit, t.holder_unit_id AS "holderUnitId", u.code AS "holderCode", u.name AS "holderName", t.holder_user_id AS "holderUserId", t.parent_task_id AS "parentTaskId",
       t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.status,
       to_char(t.met_on, 'YYYY-MM-DD') AS "metOn", CASE WHEN t.met_on IS NOT NULL THEN t.met_on > t.deadline END AS "metLate", t.allocation_id AS "allocationId",
       t.allocation_version AS "allocationVersion", t.withdrawn_at AS "withdrawnAt"
  FROM task t JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id JOIN org_unit_v u ON u.id = t.holder_unit_id`;

// $1 the scope's value, $2 campaign or null, $3 status or null
const LIST_SCOPE = { holderUserId: `t.holder_user_id = $1`, holderUnitId: `t.holder_unit_id = $1`, scope: scopeSql('u.path', 1) } as const;
const LISTED = ` AND t.withdrawn_at IS NULL AND ($2::int IS NULL OR t.campaign_id = $2) AND ($3::text IS NULL OR t.status = $3)`;

// the list's sort keys and the columns they order by
const TASK_ORDER: Record<TaskSort, string> = {
  deadline: 't.deadline',
  campaignName: 'c.name',
  indicatorName: 'i.name',
  holderName: 'u.name',
  target: 't.target',
  status: rankSql('t.status', TASK_STATUSES),
  metOn: 't.met_on',
};

function listWhere(scope: TaskListScope): { where: string; value: unknown } {
  const key = Object.keys(scope)[0] as keyof typeof LIST_SCOPE;
  return { where: LIST_SCOPE[key] + LISTED, value: 'scope' in scope ? scopeParam(scope.scope) : (scope as Record<string, unknown>)[key] };
}

/** task: a unit's (or a cadre's) target for one indicator, from the campaign's own down the cascade of splits. */
@Injectable()
export class TaskRepository {
  // ---- the campaign unit's own tasks

  /** The new top-level task's id (open, deadline version 1). */
  async insertTop(
    db: Queryable,
    t: { campaignId: number; indicatorId: number; holderUnitId: number; target: string; deadline: string; at: Date },
  ): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline, deadline_version, status, created_at, updated_at)
       VALUES ($1, $2, $3, NULL, $4, $5, 1, 'open', $6, $6) RETURNING id`,
      [t.campaignId, t.indicatorId, t.holderUnitId, t.target, t.deadline, t.at],
    );
    return row!.id;
  }

  /** The campaign's top-level tasks by indicator: id, indicator, target, deadline, status. */
  topOfCampaign(db: Queryable, campaignId: number): Promise<{ id: number; indicatorId: number; target: string; deadline: string; status: string }[]> {
    return queryRows(
      db,
      `SELECT id, indicator_id AS "indicatorId", target::text AS target, to_char(deadline, 'YYYY-MM-DD') AS deadline, status FROM task WHERE campaign_id = $1 AND parent_task_id IS NULL ORDER BY indicator_id`,
      [campaignId],
    );
  }

  /** A demo task (deadline version 1, open); its id. */
  async insertDemo(
    db: Queryable,
    t: {
      campaignId: number;
      indicatorId: number;
      unitId: number;
      parentTaskId: number | null;
      target: number;
      deadline: string;
      allocationId: number | null;
      lineId: number | null;
    },
  ): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, parent_task_id, target, deadline, allocation_id, allocation_line_id, allocation_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [t.campaignId, t.indicatorId, t.unitId, t.parentTaskId, t.target, t.deadline, t.allocationId, t.lineId, t.allocationId ? 1 : null],
    );
    return row!.id;
  }

  // ---- splits

  /** The task an allocation splits, locked FOR UPDATE OF t when asked; undefined when none. */
  parentTask(db: Queryable, taskId: number, lock: boolean): Promise<ParentTaskRow | undefined> {
    const sql = `SELECT t.id, t.campaign_id, t.indicator_id, t.holder_unit_id, t.holder_user_id, u.path AS holder_path, u.name AS holder_name, t.target::text AS target,
              to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.withdrawn_at, i.kind, i.name AS indicator_name, i.unit, c.status AS campaign_status, c.settings
         FROM task t JOIN org_unit_v u ON u.id = t.holder_unit_id JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
        WHERE t.id = $1`;
    return queryOne(db, lock ? `${sql} FOR UPDATE OF t` : sql, [taskId]);
  }

  /** Locks the parent's child tasks in id order (nothing answered). */
  async lockChildren(db: Queryable, parentTaskId: number): Promise<void> {
    await queryRows(db, `SELECT id FROM task WHERE parent_task_id = $1 ORDER BY id FOR UPDATE`, [parentTaskId]);
  }

  /** The parent's child task held by the unit (and cadre, null for the unit's own), locked; undefined when none. */
  childOf(db: Queryable, parentTaskId: number, unitId: number, holderUserId: number | null): Promise<ChildTaskRow | undefined> {
    return queryOne(
      db,
      `SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline, deadline_version, status, target::text AS target, withdrawn_at FROM task
          WHERE parent_task_id = $1 AND holder_unit_id = $2 AND holder_user_id IS NOT DISTINCT FROM $3 FOR UPDATE`,
      [parentTaskId, unitId, holderUserId],
    );
  }

  /** The new child task's id, for a line of an approved version (open, deadline version 1). */
  async insertFromLine(
    db: Queryable,
    t: {
      campaignId: number;
      indicatorId: number;
      unitId: number;
      holderUserId: number | null;
      parentTaskId: number;
      target: string | null;
      deadline: string;
      allocationId: number;
      lineId: number;
      version: number;
      at: Date;
    },
  ): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO task (campaign_id, indicator_id, holder_unit_id, holder_user_id, parent_task_id, target, deadline, deadline_version, status, allocation_id, allocation_line_id, allocation_version, created_at, updated_at)
           VALUES ($1, $2, $3, $11, $4, $5, $6, 1, 'open', $7, $8, $9, $10, $10) RETURNING id`,
      [t.campaignId, t.indicatorId, t.unitId, t.parentTaskId, t.target, t.deadline, t.allocationId, t.lineId, t.version, t.at, t.holderUserId],
    );
    return row!.id;
  }

  /** Points a child task at a line of an approved version, in place: target, deadline, version; not withdrawn; reopened when asked (nothing answered). */
  async updateFromLine(
    db: Queryable,
    t: {
      id: number;
      target: string | null;
      deadline: string;
      deadlineVersion: number;
      allocationId: number;
      lineId: number;
      version: number;
      reopen: boolean;
      at: Date;
    },
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE task SET target = $2, deadline = $3, deadline_version = $4, allocation_id = $5, allocation_line_id = $6, allocation_version = $7,
                  withdrawn_at = NULL, status = CASE WHEN $8 THEN 'open' ELSE status END, overdue_at = CASE WHEN $8 THEN NULL ELSE overdue_at END, updated_at = $9
            WHERE id = $1`,
      [t.id, t.target, t.deadline, t.deadlineVersion, t.allocationId, t.lineId, t.version, t.reopen, t.at],
    );
  }

  /** Withdraws the parent's live child tasks held by none of the (unit, cadre or 0) pairs; answers their ids. */
  async withdrawOthers(db: Queryable, parentTaskId: number, unitIds: number[], holderUserIds: number[], at: Date): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `UPDATE task SET withdrawn_at = $3, updated_at = $3
          WHERE parent_task_id = $1 AND withdrawn_at IS NULL
            AND (holder_unit_id, coalesce(holder_user_id, 0)) NOT IN (SELECT * FROM unnest($2::int[], $4::int[]))
          RETURNING id`,
      [parentTaskId, unitIds, at, holderUserIds],
    );
    return rows.map((r) => r.id);
  }

  /** The live tasks among the ids, by id, with their approved split (if any). */
  changed(db: Queryable, taskIds: number[]): Promise<ChangedTaskRow[]> {
    return queryRows(
      db,
      `SELECT t.id, t.holder_unit_id, u.name AS holder_name, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
              i.kind, i.name AS indicator_name, c.settings, a.id AS allocation_id, a.version AS allocation_version, a.out_of_step
         FROM task t JOIN org_unit_v u ON u.id = t.holder_unit_id JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
         LEFT JOIN allocation a ON a.parent_task_id = t.id AND a.status = 'approved'
        WHERE t.id = ANY($1::int[]) AND t.withdrawn_at IS NULL ORDER BY t.id`,
      [taskIds],
    );
  }

  /**
   * Moves the live child tasks of the allocation's lines without a deadline of their own to the deadline (a new
   * deadline version; overdue ones open again when `reopen`); answers the ids that moved.
   */
  async inheritDeadline(db: Queryable, allocationId: number, deadline: string, reopen: boolean, at: Date): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `UPDATE task c SET deadline = $2, deadline_version = c.deadline_version + 1,
                status = CASE WHEN c.status = 'overdue' AND $3 THEN 'open' ELSE c.status END,
                overdue_at = CASE WHEN c.status = 'overdue' AND $3 THEN NULL ELSE c.overdue_at END, updated_at = $4
           FROM allocation_line l
          WHERE l.id = c.allocation_line_id AND l.allocation_id = $1 AND l.deadline IS NULL AND c.deadline <> $2 AND c.withdrawn_at IS NULL
          RETURNING c.id`,
      [allocationId, deadline, reopen, at],
    );
    return rows.map((r) => r.id);
  }

  // ---- lists and views

  /** One page of tasks in the scope, in the asked order (by deadline then id by default). */
  page(
    db: Queryable,
    scope: TaskListScope,
    f: { campaignId: number | null; status: string | null },
    sort: SortParams<TaskSort>,
    offset: number,
    limit: number,
  ): Promise<TaskSummary[]> {
    const { where, value } = listWhere(scope);
    return queryRows(db, `${SUMMARY} WHERE ${where} ${orderBySql(sort, TASK_ORDER, 't.deadline, t.id')} OFFSET $4 LIMIT $5`, [
      value,
      f.campaignId,
      f.status,
      offset,
      limit,
    ]);
  }

  /** How many tasks the scope's list holds. */
  async count(db: Queryable, scope: TaskListScope, campaignId: number | null, status: string | null): Promise<number> {
    const { where, value } = listWhere(scope);
    const row = await queryOne<{ total: number }>(db, `SELECT count(*)::int AS total FROM task t JOIN org_unit_v u ON u.id = t.holder_unit_id WHERE ${where}`, [
      value,
      campaignId,
      status,
    ]);
    return row!.total;
  }

  /** One task's summary, or undefined. */
  summary(db: Queryable, id: number): Promise<TaskSummary | undefined> {
    return queryOne(db, `${SUMMARY} WHERE t.id = $1`, [id]);
  }

  /** The task and every task above it, the campaign's own first. */
  chain(db: Queryable, id: number): Promise<TaskSummary[]> {
    return queryRows(
      db,
      `WITH RECURSIVE up AS (SELECT id, parent_task_id, 0 AS d FROM task WHERE id = $1 UNION ALL SELECT t.id, t.parent_task_id, up.d + 1 FROM task t JOIN up ON t.id = up.parent_task_id)
       ${SUMMARY} JOIN up ON up.id = t.id ORDER BY up.d DESC`,
      [id],
    );
  }

  /** Locks the task FOR UPDATE (nothing answered). */
  async lock(db: Queryable, id: number): Promise<void> {
    await queryRows(db, `SELECT id FROM task WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Moves a task's deadline (a new deadline version; an overdue task opens again when `reopen`); nothing answered. */
  async moveDeadline(db: Queryable, id: number, deadline: string, reopen: boolean, at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task SET deadline = $2, deadline_version = deadline_version + 1, status = CASE WHEN $3 THEN 'open' ELSE status END,
                overdue_at = CASE WHEN $3 THEN NULL ELSE overdue_at END, updated_at = $4 WHERE id = $1`,
      [id, deadline, reopen, at],
    );
  }

  /** Marks a task completed unless it is already (nothing answered). */
  async markCompleted(db: Queryable, id: number, at: Date): Promise<void> {
    await queryRows(db, `UPDATE task SET status = 'completed', completed_at = $2, updated_at = $2 WHERE id = $1 AND status <> 'completed'`, [id, at]);
  }

  /** The live tasks of a campaign held by a unit, by indicator: id, indicator name and unit, target, deadline. */
  heldBy(db: Queryable, campaignId: number, unitId: number): Promise<{ id: number; name: string; unit: string; target: string; deadline: string }[]> {
    return queryRows(
      db,
      `SELECT t.id, i.name, i.unit, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline FROM task t JOIN indicator i ON i.id = t.indicator_id
        WHERE t.campaign_id = $1 AND t.holder_unit_id = $2 AND t.withdrawn_at IS NULL ORDER BY i.id`,
      [campaignId, unitId],
    );
  }

  // ---- deadlines

  /** The tasks among the ids with what planning their events needs (any order). */
  forPlanning(db: Queryable, taskIds: number[]): Promise<PlanningTaskRow[]> {
    return queryRows(
      db,
      `SELECT t.id, to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.deadline_version, c.settings, c.id AS campaign_id, t.withdrawn_at IS NOT NULL AS withdrawn, t.status
         FROM task t JOIN campaign c ON c.id = t.campaign_id WHERE t.id = ANY($1::int[])`,
      [taskIds],
    );
  }

  /** Ids of the campaign's live tasks not completed, by id. */
  async liveIdsOfCampaign(db: Queryable, campaignId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT id FROM task WHERE campaign_id = $1 AND withdrawn_at IS NULL AND status <> 'completed' ORDER BY id`,
      [campaignId],
    );
    return rows.map((r) => r.id);
  }

  /** Ids of the live tasks not completed of every active campaign. */
  async liveIdsOfActiveCampaigns(db: Queryable): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT t.id FROM task t JOIN campaign c ON c.id = t.campaign_id WHERE c.status = 'active' AND t.withdrawn_at IS NULL AND t.status <> 'completed'`,
    );
    return rows.map((r) => r.id);
  }

  /** A task a deadline event acts on (the caller holds it locked), or undefined. */
  forEvent(db: Queryable, id: number): Promise<EventTaskRow | undefined> {
    return queryOne(
      db,
      `SELECT t.id, t.campaign_id, t.holder_unit_id, t.holder_user_id, t.parent_task_id, t.status, t.deadline_version, t.withdrawn_at, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
              t.target::text AS target, i.name AS indicator_name, u.name AS holder_name, c.name AS campaign_name, c.org_unit_id AS campaign_unit_id,
              p.holder_unit_id AS parent_holder_unit_id
         FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit_v u ON u.id = t.holder_unit_id JOIN campaign c ON c.id = t.campaign_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.id = $1`,
      [id],
    );
  }

  /** Marks an open task overdue (nothing answered). */
  async markOverdue(db: Queryable, id: number, at: Date): Promise<void> {
    await queryRows(db, `UPDATE task SET status = 'overdue', overdue_at = $2, updated_at = $2 WHERE id = $1 AND status = 'open'`, [id, at]);
  }

  /** The tasks among the ids: id and deadline (YYYY-MM-DD), any order. */
  deadlines(db: Queryable, taskIds: number[]): Promise<{ id: number; deadline: string }[]> {
    return queryRows(db, `SELECT id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM task WHERE id = ANY($1::int[])`, [taskIds]);
  }

  // ---- the live-tasks rule of unit moves and user changes

  /** The first `limit` live cadre's shares the user holds in campaigns not closed, with how many there are. */
  liveSharesOf(db: Queryable, userId: number, limit: number): Promise<LiveTaskRow[]> {
    return queryRows(
      db,
      `SELECT t.id AS task_id, c.name AS campaign, i.name AS indicator, u.name AS unit, trim_scale(t.target)::text AS target, count(*) OVER ()::int AS total
         FROM task t JOIN org_unit_v u ON u.id = t.holder_unit_id JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id
        WHERE t.holder_user_id = $1 AND t.withdrawn_at IS NULL AND c.status <> 'closed'
        ORDER BY c.id, i.code, t.id LIMIT $2`,
      [userId, limit],
    );
  }

  /** The first `limit` live unit tasks of campaigns not closed held at or below the path, with how many there are. */
  liveTasksUnder(db: Queryable, path: string, limit: number): Promise<LiveTaskRow[]> {
    return queryRows(
      db,
      `SELECT t.id AS task_id, c.name AS campaign, i.name AS indicator, u.name AS unit, trim_scale(t.target)::text AS target, count(*) OVER ()::int AS total
         FROM task t JOIN org_unit_v u ON u.id = t.holder_unit_id JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id
        WHERE u.path LIKE $1 || '%' AND t.withdrawn_at IS NULL AND t.holder_user_id IS NULL AND c.status <> 'closed'
        ORDER BY u.depth, u.code, c.id, i.code, t.id LIMIT $2`,
      [path, limit],
    );
  }

  // ---- what other libraries read (CampaignReader)

  /** One task: campaign, holder unit and deadline (YYYY-MM-DD), or undefined. */
  record(db: Queryable, id: number): Promise<{ id: number; campaign_id: number; holder_unit_id: number; deadline: string } | undefined> {
    return queryOne(db, `SELECT id, campaign_id, holder_unit_id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM task WHERE id = $1`, [id]);
  }

  /** Ids of the campaign's tasks. */
  async idsOfCampaign(db: Queryable, campaignId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM task WHERE campaign_id = $1`, [campaignId]);
    return rows.map((r) => r.id);
  }

  /** The campaign's live leaf tasks (no live child task): id, target, indicator kind, holder unit. */
  leaves(db: Queryable, campaignId: number): Promise<{ id: number; target: string; kind: IndicatorKind; holder_unit_id: number }[]> {
    return queryRows(
      db,
      `SELECT t.id, t.target::text AS target, i.kind, t.holder_unit_id
         FROM task t JOIN indicator i ON i.id = t.indicator_id
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM task ch WHERE ch.parent_task_id = t.id AND ch.withdrawn_at IS NULL)`,
      [campaignId],
    );
  }

  /** Ids of the campaign's tasks held by units in the scope. */
  async idsIn(db: Queryable, campaignId: number, scope: Scope): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT t.id FROM task t JOIN org_unit_v o ON o.id = t.holder_unit_id WHERE t.campaign_id = $1 AND ${scopeSql('o.path', 2)}`,
      [campaignId, scopeParam(scope)],
    );
    return rows.map((r) => r.id);
  }

  /** Ids of the live tasks held by the unit for any of the indicators. */
  async liveIdsHeldBy(db: Queryable, unitId: number, indicatorIds: number[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT id FROM task WHERE holder_unit_id = $1 AND indicator_id = ANY($2::int[]) AND withdrawn_at IS NULL`,
      [unitId, indicatorIds],
    );
    return rows.map((r) => r.id);
  }

  /** A task locked FOR UPDATE OF t, with its indicator's kind and its campaign's start (YYYY-MM-DD) and status; undefined when none. */
  lockForReport(
    db: Queryable,
    taskId: number,
  ): Promise<
    | {
        id: number;
        holder_unit_id: number;
        holder_user_id: number | null;
        withdrawn_at: Date | null;
        kind: IndicatorKind;
        source: IndicatorSource;
        starts_on: string;
        status: string;
      }
    | undefined
  > {
    return queryOne(
      db,
      `SELECT t.id, t.holder_unit_id, t.holder_user_id, t.withdrawn_at, i.kind, i.source, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, c.status
         FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
        WHERE t.id = $1 FOR UPDATE OF t`,
      [taskId],
    );
  }

  /** How many live child tasks the task has held by units and by cadres. */
  async liveSplit(db: Queryable, taskId: number): Promise<{ units: number; cadres: number }> {
    const row = await queryOne<{ units: number; cadres: number }>(
      db,
      `SELECT count(*) FILTER (WHERE holder_user_id IS NULL)::int AS units, count(*) FILTER (WHERE holder_user_id IS NOT NULL)::int AS cadres
         FROM task WHERE parent_task_id = $1 AND withdrawn_at IS NULL`,
      [taskId],
    );
    return row!;
  }

  /** Units holding a live task of the campaign split further to other units (their bulletins cover those children), by id. */
  async unitsThatSplit(db: Queryable, campaignId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT DISTINCT p.holder_unit_id AS id
         FROM task p JOIN task t ON t.parent_task_id = p.id
        WHERE p.campaign_id = $1 AND p.withdrawn_at IS NULL AND t.withdrawn_at IS NULL
          AND t.holder_user_id IS NULL AND t.holder_unit_id <> p.holder_unit_id
        ORDER BY 1`,
      [campaignId],
    );
    return rows.map((r) => r.id);
  }

  /** The topmost live task of the campaign held by the unit and by each of its children, by id. */
  topTasksAround(
    db: Queryable,
    campaignId: number,
    unitId: number,
  ): Promise<{ id: number; indicator_id: number; holder_unit_id: number; target: string; deadline: string }[]> {
    return queryRows(
      db,
      `SELECT t.id, t.indicator_id, t.holder_unit_id, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline
         FROM task t JOIN org_unit_v o ON o.id = t.holder_unit_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL AND (o.id = $2 OR o.parent_id = $2)
          AND (p.id IS NULL OR p.holder_unit_id <> t.holder_unit_id)
        ORDER BY t.id`,
      [campaignId, unitId],
    );
  }

  /**
   * Live count tasks of active campaigns whose deadline is on or before the date and that are settled on
   * their own (no parent, or a parent with another deadline): id and deadline (YYYY-MM-DD), by id.
   */
  countTasksDue(db: Queryable, date: string): Promise<{ id: number; deadline: string }[]> {
    return queryRows(
      db,
      `SELECT t.id, to_char(t.deadline, 'YYYY-MM-DD') AS deadline FROM task t
         JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.withdrawn_at IS NULL AND c.status = 'active' AND i.kind = 'count' AND t.deadline <= $1
          AND (p.id IS NULL OR p.deadline <> t.deadline)
        ORDER BY t.id`,
      [date],
    );
  }

  /** A task's campaign, its indicator's kind and its holder unit's path, or undefined. */
  kindAndPath(db: Queryable, taskId: number): Promise<{ campaign_id: number; kind: IndicatorKind; path: string } | undefined> {
    return queryOne(
      db,
      `SELECT t.campaign_id, i.kind, o.path FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit_v o ON o.id = t.holder_unit_id WHERE t.id = $1`,
      [taskId],
    );
  }

  /**
   * The tasks of a settlement of a task's subtree: the task and every live task below it sharing its
   * deadline (settled true), and the live children of those with a deadline of their own (settled
   * false), each with its holder unit's code and name and its cadre's name.
   */
  subtreeForSettlement<T>(db: Queryable, taskId: number): Promise<T[]> {
    return queryRows(
      db,
      `WITH RECURSIVE sub AS (
         SELECT id, deadline FROM task WHERE id = $1
         UNION ALL
         SELECT t.id, t.deadline FROM task t JOIN sub ON t.parent_task_id = sub.id
          WHERE t.withdrawn_at IS NULL AND t.deadline = sub.deadline
       ), x AS (
         SELECT id, true AS settled FROM sub
         UNION ALL
         SELECT t.id, false FROM task t JOIN sub ON t.parent_task_id = sub.id WHERE t.withdrawn_at IS NULL AND t.deadline <> sub.deadline
       )
       SELECT t.id, t.parent_task_id, t.holder_unit_id, t.target::text AS target, o.code, o.name, t.indicator_id, x.settled,
              t.holder_user_id, k.display_name AS cadre_name
         FROM x JOIN task t ON t.id = x.id JOIN org_unit_v o ON o.id = t.holder_unit_id LEFT JOIN org_user_v k ON k.id = t.holder_user_id`,
      [taskId],
    );
  }
}
