import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import type { PlannedEvent } from '../rules/deadline-events';

/** A land project as the reconciler reads it (registry_land_project_v) with its unit. */
export interface LandProjectDeadlineRow {
  id: number;
  name: string;
  org_unit_id: number;
  unit_name: string;
  unit_path: string;
  parent_id: number | null;
  verify_due_on: string;
  listed: number;
  verified: number;
}

/** A due reminder or overdue event of a land project's verification, claimed by the reconciler. */
export interface DueLandEventRow {
  id: string;
  land_project_id: number;
  kind: 'reminder' | 'overdue';
  target_date: string;
  offset_days: number;
  due_at: Date;
}

/** The land projects' rows of task_deadline_event (the project itself is registry's, read through its view). */
@Injectable()
export class LandDeadlineRepository {
  project(db: Queryable, id: number): Promise<LandProjectDeadlineRow | undefined> {
    return queryOne(
      db,
      `SELECT p.id, p.name, p.org_unit_id, u.name AS unit_name, u.path AS unit_path, u.parent_id, to_char(p.verify_due_on, 'YYYY-MM-DD') AS verify_due_on,
              p.listed, p.verified
         FROM registry_land_project_v p JOIN org_unit_v u ON u.id = p.org_unit_id WHERE p.id = $1`,
      [id],
    );
  }

  /** Writes a planned event (the key names the due date); answers whether a row was written or revived. */
  async upsertEvent(db: Queryable, projectId: number, e: PlannedEvent): Promise<boolean> {
    const rows = await queryRows(
      db,
      `INSERT INTO task_deadline_event (land_project_id, kind, key, target_date, offset_days, due_at, deadline_version)
           VALUES ($1, $2, $3, $4, $5, $6, 1)
           ON CONFLICT (land_project_id, key) WHERE land_project_id IS NOT NULL DO UPDATE SET due_at = EXCLUDED.due_at, cancelled_at = NULL
            WHERE task_deadline_event.done_at IS NULL AND (task_deadline_event.due_at <> EXCLUDED.due_at OR task_deadline_event.cancelled_at IS NOT NULL)
           RETURNING id`,
      [projectId, e.kind, e.key, e.targetDate, e.offsetDays, e.dueAt],
    );
    return rows.length > 0;
  }

  /** Cancels the project's pending events of any other due date (the agreement date or the days allowed changed). */
  async cancelOtherDates(db: Queryable, projectId: number, dueOn: string, at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task_deadline_event SET cancelled_at = $3 WHERE land_project_id = $1 AND target_date <> $2 AND done_at IS NULL AND cancelled_at IS NULL`,
      [projectId, dueOn, at],
    );
  }

  /** Up to 50 due pending events of land projects, earliest first, claimed FOR UPDATE SKIP LOCKED. */
  claimDue(db: Queryable, now: Date): Promise<DueLandEventRow[]> {
    return queryRows(
      db,
      `SELECT e.id, e.land_project_id, e.kind, to_char(e.target_date, 'YYYY-MM-DD') AS target_date, e.offset_days, e.due_at
         FROM task_deadline_event e
        WHERE e.land_project_id IS NOT NULL AND e.due_at <= $1 AND e.done_at IS NULL AND e.cancelled_at IS NULL
        ORDER BY e.due_at, e.id LIMIT 50 FOR UPDATE OF e SKIP LOCKED`,
      [now],
    );
  }

  /** Whether a later reminder of the same project and due date is due as well (after `after`, by `now`). */
  async laterReminderDue(db: Queryable, projectId: number, targetDate: string, after: Date, now: Date): Promise<boolean> {
    const row = await queryOne<{ later: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM task_deadline_event WHERE land_project_id = $1 AND kind = 'reminder' AND target_date = $2
                         AND cancelled_at IS NULL AND due_at > $3 AND due_at <= $4) AS later`,
      [projectId, targetDate, after, now],
    );
    return row!.later;
  }

  /** The ids of the unit and of every unit above it (its path's ancestors). */
  async unitAndAncestors(db: Queryable, path: string): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM org_unit_v WHERE $1 LIKE path || '%'`, [path]);
    return rows.map((r) => r.id);
  }
}
