import { orderBySql, Queryable, queryAffected, queryOne, queryRows, rankSql, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { AllocationAction, ALLOCATION_STATUSES, AllocationStatus } from '../campaigns.types';
import type { AllocationSort } from '../dto/allocation.dto';

/** An allocation row as stored (SELECT *; the columns the services read). */
export interface AllocationRow {
  id: number;
  campaign_id: number;
  indicator_id: number;
  parent_task_id: number;
  allocating_unit_id: number;
  version: number;
  status: AllocationStatus;
  previous_id: number | null;
  reject_reason: string | null;
  out_of_step: string | null;
}

/** A checked line as it is written. */
export interface LineToWrite {
  childUnitId: number;
  target: string | null;
  deadline: string | null;
  holderUserId?: number;
}

/** A stored line with the name its task's notice uses (the cadre's, else the unit's). */
export interface LineToApply {
  id: number;
  child_unit_id: number;
  holder_user_id: number | null;
  target: string | null;
  deadline: string | null;
  child_name: string;
}

/** A line as the allocation view answers it. */
export interface LineView {
  id: number;
  childUnitId: number;
  childCode: string;
  childName: string;
  holderUserId: number | null;
  holderName: string | null;
  target: string | null;
  deadline: string | null;
  taskId: number | null;
}

export interface StepView {
  action: AllocationAction;
  actorId: number | null;
  actorUsername: string | null;
  at: Date;
  comment: string | null;
}

export interface AllocationListItem {
  id: number;
  campaignId: number;
  indicatorId: number;
  indicatorName: string;
  parentTaskId: number;
  allocatingUnitId: number;
  unitName: string;
  version: number;
  status: string;
  updatedAt: Date;
}

export interface AllocationListFilter {
  /** The caller's scope. */
  scope: Scope;
  userId: number;
  campaignId: number | null;
  status: string | null;
}

// $1 the scope, $2 caller, $3 campaign or null, $4 status or null: in the caller's scope or of a campaign the caller is a member of
const LISTED = `(${scopeSql('u.path', 1)} OR EXISTS (SELECT 1 FROM campaign_member cm WHERE cm.campaign_id = a.campaign_id AND cm.user_id = $2))
                   AND ($3::int IS NULL OR a.campaign_id = $3) AND ($4::text IS NULL OR a.status = $4)`;

/** A move of the approval flow: the status an allocation takes. */
export type AllocationMove = 'submitted' | 'rejected' | 'approved';

/** What a move records: its step row (action, actor, instant, comment: a rejection's reason) and the decision's instant. */
export interface AllocationStep {
  action: AllocationAction;
  actorId: number;
  /** When the status columns say it happened. */
  decidedAt: Date;
  /** The step row's instant. */
  at: Date;
  comment: string | null;
}

// the columns each move writes, its status first ($1 id, $2 the status it leaves; then these parameters)
const MOVES: Record<AllocationMove, (s: AllocationStep) => { sql: string; params: unknown[] }> = {
  submitted: (s) => ({ sql: `status = 'submitted', submitted_by = $3, submitted_at = $4, updated_at = $4`, params: [s.actorId, s.decidedAt] }),
  rejected: (s) => ({
    sql: `status = 'rejected', reject_reason = $5, decided_by = $3, decided_at = $4, decision_comment = $5, updated_at = $4`,
    params: [s.actorId, s.decidedAt, s.comment],
  }),
  approved: (s) => ({
    sql: `status = 'approved', decided_by = $3, decided_at = $4, decision_comment = $5, updated_at = $4`,
    params: [s.actorId, s.decidedAt, s.comment],
  }),
};

/** The allocation aggregate: allocation (one version of a split), allocation_line and allocation_step. */
// the list's sort keys and the columns they order by
const ALLOCATION_ORDER: Record<AllocationSort, string> = {
  updatedAt: 'a.updated_at',
  indicatorName: 'i.name',
  unitName: 'u.name',
  version: 'a.version',
  status: rankSql('a.status', ALLOCATION_STATUSES),
};

@Injectable()
export class AllocationRepository {
  /** The allocation, locked FOR UPDATE when asked; undefined when none. */
  byId(db: Queryable, id: number, lock: boolean): Promise<AllocationRow | undefined> {
    return lock ? queryOne(db, `SELECT * FROM allocation WHERE id = $1 FOR UPDATE`, [id]) : queryOne(db, `SELECT * FROM allocation WHERE id = $1`, [id]);
  }

  /** Every version of the split of a parent task, by version. */
  versions(db: Queryable, parentTaskId: number): Promise<AllocationRow[]> {
    return queryRows(db, `SELECT * FROM allocation WHERE parent_task_id = $1 ORDER BY version`, [parentTaskId]);
  }

  /** Every version of the split of a parent task, by version: id, version, status. */
  versionList(db: Queryable, parentTaskId: number): Promise<{ id: number; version: number; status: AllocationStatus }[]> {
    return queryRows(db, `SELECT id, version, status FROM allocation WHERE parent_task_id = $1 ORDER BY version`, [parentTaskId]);
  }

  /** The new draft's id. */
  async insertDraft(
    db: Queryable,
    a: {
      campaignId: number;
      indicatorId: number;
      parentTaskId: number;
      allocatingUnitId: number;
      version: number;
      previousId: number | null;
      createdBy: number;
      at: Date;
    },
  ): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO allocation (campaign_id, indicator_id, parent_task_id, allocating_unit_id, version, status, previous_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $8) RETURNING id`,
      [a.campaignId, a.indicatorId, a.parentTaskId, a.allocatingUnitId, a.version, a.previousId, a.createdBy, a.at],
    );
    return row!.id;
  }

  /** The demo's approved version 1 (created and submitted by the office, approved by the head, now); its id. */
  async insertDemoApproved(
    db: Queryable,
    a: { campaignId: number; indicatorId: number; parentTaskId: number; allocatingUnitId: number; office: number | null; leader: number | null },
  ): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO allocation (campaign_id, indicator_id, parent_task_id, allocating_unit_id, version, status, created_by, submitted_by, submitted_at, decided_by, decided_at, decision_comment)
       VALUES ($1, $2, $3, $4, 1, 'approved', $5, $5, now(), $6, now(), '同意') RETURNING id`,
      [a.campaignId, a.indicatorId, a.parentTaskId, a.allocatingUnitId, a.office, a.leader],
    );
    return row!.id;
  }

  /** Sets a draft or rejected allocation back to draft; answers the rows changed. */
  setDraft(db: Queryable, id: number, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE allocation SET status = 'draft', updated_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Supersedes the parent task's approved version other than `id`; answers the rows changed. */
  supersedeOthers(db: Queryable, parentTaskId: number, id: number, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE allocation SET status = 'superseded', updated_at = $3 WHERE parent_task_id = $1 AND status = 'approved' AND id <> $2`, [
      parentTaskId,
      id,
      at,
    ]);
  }

  /**
   * One move of the approval flow: the allocation goes from `from` to `to` with the columns that move sets
   * (MOVES), and the move's step row is written; throws when the allocation is not in `from` (the caller
   * checked it under the lock).
   */
  async transition(db: Queryable, id: number, from: AllocationStatus, to: AllocationMove, step: AllocationStep): Promise<void> {
    const { sql, params } = MOVES[to](step);
    const n = await queryAffected(db, `UPDATE allocation SET ${sql} WHERE id = $1 AND status = $2`, [id, from, ...params]);
    if (n !== 1) throw new Error(`allocation ${id} is not ${from}: it cannot become ${to}`);
    await this.insertStep(db, id, step.action, step.actorId, step.at, step.comment);
  }

  /** Sets (or clears, null) why an approved split no longer fits its parent task; answers the rows changed. */
  setOutOfStep(db: Queryable, id: number, reason: string | null, at: Date): Promise<number> {
    return queryAffected(db, `UPDATE allocation SET out_of_step = $2, updated_at = $3 WHERE id = $1`, [id, reason, at]);
  }

  /** Deletes the allocation's lines; answers how many. */
  deleteLines(db: Queryable, allocationId: number): Promise<number> {
    return queryAffected(db, `DELETE FROM allocation_line WHERE allocation_id = $1`, [allocationId]);
  }

  /** Writes one line (nothing answered). */
  async insertLine(db: Queryable, allocationId: number, l: LineToWrite): Promise<void> {
    await queryRows(db, `INSERT INTO allocation_line (allocation_id, child_unit_id, target, deadline, holder_user_id) VALUES ($1, $2, $3, $4, $5)`, [
      allocationId,
      l.childUnitId,
      l.target,
      l.deadline,
      l.holderUserId ?? null,
    ]);
  }

  /** The demo's line of a unit; its id. */
  async insertDemoLine(db: Queryable, allocationId: number, childUnitId: number, target: number, deadline: string): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO allocation_line (allocation_id, child_unit_id, target, deadline) VALUES ($1, $2, $3, $4) RETURNING id`,
      [allocationId, childUnitId, target, deadline],
    );
    return row!.id;
  }

  /** The allocation's lines as stored, by id (target as text, deadline YYYY-MM-DD or null). */
  storedLines(
    db: Queryable,
    allocationId: number,
  ): Promise<{ child_unit_id: number; holder_user_id: number | null; target: string; deadline: string | null }[]> {
    return queryRows(
      db,
      `SELECT child_unit_id, holder_user_id, target::text AS target, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM allocation_line WHERE allocation_id = $1 ORDER BY id`,
      [allocationId],
    );
  }

  /** The allocation's lines as the rules take them, by id (deadline null when the line has none). */
  ruleLines(db: Queryable, allocationId: number): Promise<{ childUnitId: number; target: string; deadline: string | null; holderUserId: number | null }[]> {
    return queryRows(
      db,
      `SELECT child_unit_id AS "childUnitId", target::text AS target, to_char(deadline, 'YYYY-MM-DD') AS deadline, holder_user_id AS "holderUserId"
           FROM allocation_line WHERE allocation_id = $1 ORDER BY id`,
      [allocationId],
    );
  }

  /** The allocation's lines with the name their notice uses, by id. */
  linesToApply(db: Queryable, allocationId: number): Promise<LineToApply[]> {
    return queryRows(
      db,
      `SELECT l.id, l.child_unit_id, l.holder_user_id, l.target::text AS target, to_char(l.deadline, 'YYYY-MM-DD') AS deadline,
              coalesce(hu.display_name, u.name) AS child_name
         FROM allocation_line l JOIN org_unit_v u ON u.id = l.child_unit_id LEFT JOIN org_user_v hu ON hu.id = l.holder_user_id
        WHERE l.allocation_id = $1 ORDER BY l.id`,
      [allocationId],
    );
  }

  /** The allocation's lines for its view, by the child's path: unit, cadre, target, deadline and the line's task. */
  lineViews(db: Queryable, allocationId: number): Promise<LineView[]> {
    return queryRows(
      db,
      `SELECT l.id, l.child_unit_id AS "childUnitId", u.code AS "childCode", u.name AS "childName", l.holder_user_id AS "holderUserId", hu.display_name AS "holderName",
              l.target::text AS target, to_char(l.deadline, 'YYYY-MM-DD') AS deadline,
              t.id AS "taskId"
         FROM allocation_line l JOIN org_unit_v u ON u.id = l.child_unit_id LEFT JOIN org_user_v hu ON hu.id = l.holder_user_id
         LEFT JOIN task t ON t.allocation_line_id = l.id
        WHERE l.allocation_id = $1 ORDER BY u.path, l.id`,
      [allocationId],
    );
  }

  /** The sum of the allocation's line targets, 2 decimals as text ('0.00' without lines). */
  async total(db: Queryable, allocationId: number): Promise<string> {
    const row = await queryOne<{ total: string }>(
      db,
      `SELECT coalesce(sum(target), 0)::numeric(18,2)::text AS total FROM allocation_line WHERE allocation_id = $1`,
      [allocationId],
    );
    return row!.total;
  }

  /** Who created, submitted and decided the allocation and when, with the allocating unit's code and name. */
  header(
    db: Queryable,
    id: number,
  ): Promise<
    | {
        created_by: number | null;
        created_at: Date;
        submitted_by: number | null;
        submitted_at: Date | null;
        decided_by: number | null;
        decided_at: Date | null;
        decision_comment: string | null;
        code: string;
        name: string;
      }
    | undefined
  > {
    return queryOne(
      db,
      `SELECT a.created_by, a.created_at, a.submitted_by, a.submitted_at, a.decided_by, a.decided_at, a.decision_comment, u.code, u.name
         FROM allocation a JOIN org_unit_v u ON u.id = a.allocating_unit_id WHERE a.id = $1`,
      [id],
    );
  }

  /** Records a step of the approval trail (nothing answered). */
  async insertStep(db: Queryable, allocationId: number, action: AllocationAction, actorId: number | null, at: Date, comment: string | null): Promise<void> {
    await queryRows(db, `INSERT INTO allocation_step (allocation_id, action, actor_id, at, comment) VALUES ($1, $2, $3, $4, $5)`, [
      allocationId,
      action,
      actorId,
      at,
      comment,
    ]);
  }

  /** Records a step of the demo's trail, now (nothing answered). */
  async insertDemoStep(db: Queryable, allocationId: number, action: AllocationAction, actorId: number | null, comment: string | null): Promise<void> {
    await queryRows(db, `INSERT INTO allocation_step (allocation_id, action, actor_id, at, comment) VALUES ($1, $2, $3, now(), $4)`, [
      allocationId,
      action,
      actorId,
      comment,
    ]);
  }

  /** The approval trail in order, with the actors' user names. */
  steps(db: Queryable, allocationId: number): Promise<StepView[]> {
    return queryRows(
      db,
      `SELECT s.action, s.actor_id AS "actorId", u.username AS "actorUsername", s.at, s.comment FROM allocation_step s LEFT JOIN org_user_v u ON u.id = s.actor_id
        WHERE s.allocation_id = $1 ORDER BY s.id`,
      [allocationId],
    );
  }

  /** One page of allocations (see LISTED) in the asked order (newest first by default), with indicator and unit names. */
  list(db: Queryable, f: AllocationListFilter, sort: SortParams<AllocationSort>, offset: number, limit: number): Promise<AllocationListItem[]> {
    return queryRows(
      db,
      `SELECT a.id, a.campaign_id AS "campaignId", a.indicator_id AS "indicatorId", i.name AS "indicatorName", a.parent_task_id AS "parentTaskId",
              a.allocating_unit_id AS "allocatingUnitId", u.name AS "unitName", a.version, a.status, a.updated_at AS "updatedAt"
         FROM allocation a JOIN org_unit_v u ON u.id = a.allocating_unit_id JOIN indicator i ON i.id = a.indicator_id
        WHERE ${LISTED} ${orderBySql(sort, ALLOCATION_ORDER, 'a.id DESC')} OFFSET $5 LIMIT $6`,
      [scopeParam(f.scope), f.userId, f.campaignId, f.status, offset, limit],
    );
  }

  /** How many allocations the list holds (see LISTED). */
  async count(db: Queryable, f: AllocationListFilter): Promise<number> {
    const row = await queryOne<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM allocation a JOIN org_unit_v u ON u.id = a.allocating_unit_id WHERE ${LISTED}`,
      [scopeParam(f.scope), f.userId, f.campaignId, f.status],
    );
    return row!.total;
  }

  /** The parent task's newest approved version (id, version, status), or undefined. */
  approvedOf(db: Queryable, parentTaskId: number): Promise<{ id: number; version: number; status: AllocationStatus } | undefined> {
    return queryOne(db, `SELECT id, version, status FROM allocation WHERE parent_task_id = $1 AND status IN ('approved') ORDER BY version DESC LIMIT 1`, [
      parentTaskId,
    ]);
  }

  /** The parent task's open version (draft, submitted or rejected: id, version, status), or undefined. */
  pendingOf(db: Queryable, parentTaskId: number): Promise<{ id: number; version: number; status: AllocationStatus } | undefined> {
    return queryOne(db, `SELECT id, version, status FROM allocation WHERE parent_task_id = $1 AND status IN ('draft','submitted','rejected')`, [parentTaskId]);
  }

  /**
   * The approved split of a task for the 任务分解表: a row per child unit, or per cadre for a share a cadre holds
   * (keyed by minus the user id, apart from unit ids), with its name, sort path, target and deadline (the task's when the line has none).
   */
  tableLines(db: Queryable, parentTaskId: number, deadline: string): Promise<{ id: number; name: string; path: string; target: string; deadline: string }[]> {
    return queryRows(
      db,
      `SELECT coalesce(-hu.id, u.id) AS id, u.name || coalesce(' ' || hu.display_name, '') AS name, u.path || coalesce(hu.username, '') AS path,
                l.target::text AS target, to_char(coalesce(l.deadline, $2::date), 'YYYY-MM-DD') AS deadline
           FROM allocation a JOIN allocation_line l ON l.allocation_id = a.id JOIN org_unit_v u ON u.id = l.child_unit_id
           LEFT JOIN org_user_v hu ON hu.id = l.holder_user_id
          WHERE a.parent_task_id = $1 AND a.status = 'approved'`,
      [parentTaskId, deadline],
    );
  }
}
