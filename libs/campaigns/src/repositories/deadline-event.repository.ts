import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { DeadlineEventView } from '../dto/task.types';
import type { PlannedEvent } from '../rules/deadline-events';
import type { ReminderSkip } from '../rules/late-reminders';

/** A due event claimed by the reconciler. */
export interface DueEventRow {
  id: string;
  task_id: number;
  kind: 'reminder' | 'overdue';
  key: string;
  target_date: string;
  offset_days: number;
  deadline_version: number;
  due_at: Date;
}

/** task_deadline_event: each reminder and overdue transition of a task, done once (UNIQUE (task_id, key)). */
@Injectable()
export class DeadlineEventRepository {
  /** Cancels the pending events of the tasks that belong to an older deadline version or to a withdrawn task (nothing answered). */
  async cancelStale(db: Queryable, taskIds: number[], at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task_deadline_event e SET cancelled_at = $2 FROM task t
        WHERE e.task_id = t.id AND t.id = ANY($1::int[]) AND e.done_at IS NULL AND e.cancelled_at IS NULL
          AND (e.deadline_version <> t.deadline_version OR t.withdrawn_at IS NOT NULL)`,
      [taskIds, at],
    );
  }

  /**
   * Writes a planned event; a pending one planned again moves to the planned instant and comes back if it was
   * cancelled, a done one stays as it was. Answers whether a row was written or changed.
   */
  async upsertPlanned(db: Queryable, taskId: number, e: PlannedEvent, deadlineVersion: number): Promise<boolean> {
    const rows = await queryRows(
      db,
      `INSERT INTO task_deadline_event (task_id, kind, key, target_date, offset_days, due_at, deadline_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (task_id, key) DO UPDATE SET due_at = EXCLUDED.due_at, cancelled_at = NULL
            WHERE task_deadline_event.done_at IS NULL AND (task_deadline_event.due_at <> EXCLUDED.due_at OR task_deadline_event.cancelled_at IS NOT NULL)
           RETURNING id`,
      [taskId, e.kind, e.key, e.targetDate, e.offsetDays, e.dueAt, deadlineVersion],
    );
    return rows.length > 0;
  }

  /** Writes a demo task's planned event of deadline version 1 (nothing answered). */
  async insertDemo(db: Queryable, taskId: number, e: PlannedEvent): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO task_deadline_event (task_id, kind, key, target_date, offset_days, due_at, deadline_version) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
      [taskId, e.kind, e.key, e.targetDate, e.offsetDays, e.dueAt],
    );
  }

  /** Cancels the campaign's pending reminders of an offset not among the offsets (nothing answered). */
  async cancelRemindersNotIn(db: Queryable, campaignId: number, offsets: number[], at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task_deadline_event e SET cancelled_at = $3 FROM task t
        WHERE e.task_id = t.id AND t.campaign_id = $1 AND e.kind = 'reminder' AND e.done_at IS NULL AND e.cancelled_at IS NULL
          AND NOT (e.offset_days = ANY($2::int[]))`,
      [campaignId, offsets, at],
    );
  }

  /** Cancels every pending event of the campaign's tasks (nothing answered). */
  async cancelPendingOfCampaign(db: Queryable, campaignId: number, at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task_deadline_event e SET cancelled_at = $2 FROM task t WHERE e.task_id = t.id AND t.campaign_id = $1 AND e.done_at IS NULL AND e.cancelled_at IS NULL`,
      [campaignId, at],
    );
  }

  /** Cancels every pending event of the task (nothing answered). */
  async cancelPendingOfTask(db: Queryable, taskId: number, at: Date): Promise<void> {
    await queryRows(db, `UPDATE task_deadline_event SET cancelled_at = $2 WHERE task_id = $1 AND done_at IS NULL AND cancelled_at IS NULL`, [taskId, at]);
  }

  /**
   * Up to 50 due pending events, earliest first, each claimed together with its task row FOR UPDATE SKIP LOCKED
   * (an event whose task another transaction holds stays for the next batch).
   */
  claimDue(db: Queryable, now: Date): Promise<DueEventRow[]> {
    return queryRows(
      db,
      `SELECT e.id, e.task_id, e.kind, e.key, to_char(e.target_date, 'YYYY-MM-DD') AS target_date, e.offset_days, e.deadline_version, e.due_at
         FROM task_deadline_event e JOIN task t ON t.id = e.task_id
        WHERE e.due_at <= $1 AND e.done_at IS NULL AND e.cancelled_at IS NULL
        ORDER BY e.due_at, e.id LIMIT 50 FOR UPDATE OF e, t SKIP LOCKED`,
      [now],
    );
  }

  /** Cancels one event (nothing answered). */
  async cancel(db: Queryable, id: string, at: Date): Promise<void> {
    await queryRows(db, `UPDATE task_deadline_event SET cancelled_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Marks one event done by a runner, with why it sent nothing (null: it did); nothing answered. */
  async markDone(db: Queryable, id: string, at: Date, by: string, skip: ReminderSkip | null): Promise<void> {
    await queryRows(db, `UPDATE task_deadline_event SET done_at = $2, done_by = $3, skip_reason = $4 WHERE id = $1`, [id, at, by, skip]);
  }

  /** Whether a later reminder of the same task, date and deadline version is due as well (after `after`, by `now`). */
  async laterReminderDue(db: Queryable, taskId: number, targetDate: string, deadlineVersion: number, after: Date, now: Date): Promise<boolean> {
    const row = await queryOne<{ later: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM task_deadline_event WHERE task_id = $1 AND kind = 'reminder' AND target_date = $2 AND deadline_version = $3
                         AND cancelled_at IS NULL AND due_at > $4 AND due_at <= $5) AS later`,
      [taskId, targetDate, deadlineVersion, after, now],
    );
    return row!.later;
  }

  /** The task's events not cancelled, by due instant. */
  ofTask(db: Queryable, taskId: number): Promise<DeadlineEventView[]> {
    return queryRows(
      db,
      `SELECT kind, key, due_at AS "dueAt", done_at AS "doneAt", skip_reason AS "skipReason", cancelled_at AS "cancelledAt" FROM task_deadline_event
        WHERE task_id = $1 AND cancelled_at IS NULL ORDER BY due_at`,
      [taskId],
    );
  }
}
