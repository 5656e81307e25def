import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import type { PlannedEvent } from '../rules/deadline-events';
import type { DutyCadence, DutyCode } from './duty-catalogue';

/** A duty with its department and its latest delivery. */
export interface DutyRow {
  id: number;
  campaign_id: number;
  org_unit_id: number;
  department_name: string;
  department_path: string;
  code: DutyCode;
  cadence: DutyCadence;
  due_day: number | null;
  due_on: string | null;
  since: string;
  note: string | null;
  last_due: string | null;
  last_delivered_on: string | null;
}

/** A due reminder or overdue event of a duty, claimed by the reconciler. */
export interface DueDutyEventRow {
  id: string;
  duty_id: number;
  kind: 'reminder' | 'overdue';
  target_date: string;
  offset_days: number;
  due_at: Date;
}

const DUTY_COLUMNS = `d.id, d.campaign_id, d.org_unit_id, u.name AS department_name, u.path AS department_path, d.code, d.cadence, d.due_day,
  to_char(d.due_on, 'YYYY-MM-DD') AS due_on, to_char(d.since, 'YYYY-MM-DD') AS since, d.note,
  to_char(l.due_date, 'YYYY-MM-DD') AS last_due, to_char(l.delivered_on, 'YYYY-MM-DD') AS last_delivered_on`;

/** campaign_duty and campaign_duty_delivery, and the duties' rows of task_deadline_event. */
@Injectable()
export class DutyRepository {
  /** Writes a duty; answers its id, or undefined when the department already has this duty in the campaign. */
  async insert(
    db: Queryable,
    d: {
      campaignId: number;
      orgUnitId: number;
      code: DutyCode;
      cadence: DutyCadence;
      dueDay: number | null;
      dueOn: string | null;
      since: string;
      note: string | null;
      by: number | null;
    },
  ): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO campaign_duty (campaign_id, org_unit_id, code, cadence, due_day, due_on, since, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (campaign_id, org_unit_id, code) DO NOTHING RETURNING id`,
      [d.campaignId, d.orgUnitId, d.code, d.cadence, d.dueDay, d.dueOn, d.since, d.note, d.by],
    );
    return row?.id;
  }

  /** Changes a duty's schedule and note (the duty row is locked by the caller). */
  async updateSchedule(
    db: Queryable,
    id: number,
    d: { cadence: DutyCadence; dueDay: number | null; dueOn: string | null; note: string | null },
  ): Promise<void> {
    await queryRows(db, `UPDATE campaign_duty SET cadence = $2, due_day = $3, due_on = $4, note = $5 WHERE id = $1`, [
      id,
      d.cadence,
      d.dueDay,
      d.dueOn,
      d.note,
    ]);
  }

  /** Removes a duty with its deliveries and its deadline events; answers how many deliveries went with it. */
  async remove(db: Queryable, id: number): Promise<number> {
    await queryRows(db, `DELETE FROM task_deadline_event WHERE duty_id = $1`, [id]);
    const gone = await queryRows(db, `DELETE FROM campaign_duty_delivery WHERE duty_id = $1 RETURNING id`, [id]);
    await queryRows(db, `DELETE FROM campaign_duty WHERE id = $1`, [id]);
    return gone.length;
  }

  /** Cancels the duty's pending events of every due date but `keep` (its schedule changed; null: all). */
  async cancelPendingExcept(db: Queryable, dutyId: number, keep: string | null, at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task_deadline_event SET cancelled_at = $3 WHERE duty_id = $1 AND ($2::date IS NULL OR target_date <> $2) AND done_at IS NULL AND cancelled_at IS NULL`,
      [dutyId, keep, at],
    );
  }

  /** A unit by id: its name, level, path and whether active (org_unit_v). */
  unit(db: Queryable, id: number): Promise<{ id: number; name: string; level: string; path: string; active: boolean } | undefined> {
    return queryOne(db, `SELECT id, name, level, path, active FROM org_unit_v WHERE id = $1`, [id]);
  }

  /** One duty; `lock`: FOR UPDATE of the duty row (a delivery). */
  one(db: Queryable, id: number, lock = false): Promise<DutyRow | undefined> {
    return queryOne(
      db,
      `SELECT ${DUTY_COLUMNS} FROM campaign_duty d JOIN org_unit_v u ON u.id = d.org_unit_id
        LEFT JOIN LATERAL (SELECT due_date, delivered_on FROM campaign_duty_delivery x WHERE x.duty_id = d.id ORDER BY due_date DESC LIMIT 1) l ON true WHERE d.id = $1 ${lock ? 'FOR UPDATE OF d' : ''}`,
      [id],
    );
  }

  /** A page of the campaign's duties of departments in the scope ($2 null: all), by department name, then code. */
  async page(db: Queryable, campaignId: number, scopePrefix: string | null, limit: number, offset: number): Promise<{ rows: DutyRow[]; total: number }> {
    const rows = await queryRows<DutyRow>(
      db,
      `SELECT ${DUTY_COLUMNS} FROM campaign_duty d JOIN org_unit_v u ON u.id = d.org_unit_id
        LEFT JOIN LATERAL (SELECT due_date, delivered_on FROM campaign_duty_delivery x WHERE x.duty_id = d.id ORDER BY due_date DESC LIMIT 1) l ON true WHERE d.campaign_id = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%')
        ORDER BY u.name, d.code, d.id LIMIT $3 OFFSET $4`,
      [campaignId, scopePrefix, limit, offset],
    );
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM campaign_duty d JOIN org_unit_v u ON u.id = d.org_unit_id WHERE d.campaign_id = $1 AND ($2::text IS NULL OR u.path LIKE $2 || '%')`,
      [campaignId, scopePrefix],
    );
    return { rows, total: n };
  }

  /** Records the delivery of a due date (nothing answered; the duty row is locked by the caller). */
  async insertDelivery(
    db: Queryable,
    d: { dutyId: number; dueDate: string; deliveredOn: string; note: string | null; importId: number | null; by: number | null },
  ): Promise<void> {
    await queryRows(db, `INSERT INTO campaign_duty_delivery (duty_id, due_date, delivered_on, note, import_id, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      d.dutyId,
      d.dueDate,
      d.deliveredOn,
      d.note,
      d.importId,
      d.by,
    ]);
  }

  /** A department's duties in a campaign with the given codes (their ids and codes). */
  departmentDuties(db: Queryable, campaignId: number, orgUnitId: number, codes: readonly string[]): Promise<{ id: number; code: DutyCode }[]> {
    return queryRows(db, `SELECT id, code FROM campaign_duty WHERE campaign_id = $1 AND org_unit_id = $2 AND code = ANY($3::text[]) ORDER BY code`, [
      campaignId,
      orgUnitId,
      codes,
    ]);
  }

  /** A registry upload: its campaign and uploading unit (registry_import_v). */
  upload(db: Queryable, id: number): Promise<{ campaign_id: number; org_unit_id: number; status: string } | undefined> {
    return queryOne(db, `SELECT campaign_id, org_unit_id, status FROM registry_import_v WHERE id = $1`, [id]);
  }

  /** Writes a planned event of a duty (deadline version 1: a due date never moves, the key names it); answers whether a row was written. */
  async upsertEvent(db: Queryable, dutyId: number, e: PlannedEvent): Promise<boolean> {
    const rows = await queryRows(
      db,
      `INSERT INTO task_deadline_event (duty_id, kind, key, target_date, offset_days, due_at, deadline_version)
           VALUES ($1, $2, $3, $4, $5, $6, 1)
           ON CONFLICT (duty_id, key) WHERE duty_id IS NOT NULL DO UPDATE SET due_at = EXCLUDED.due_at, cancelled_at = NULL
            WHERE task_deadline_event.done_at IS NULL AND (task_deadline_event.due_at <> EXCLUDED.due_at OR task_deadline_event.cancelled_at IS NOT NULL)
           RETURNING id`,
      [dutyId, e.kind, e.key, e.targetDate, e.offsetDays, e.dueAt],
    );
    return rows.length > 0;
  }

  /** Cancels the duty's pending events for a due date (delivered; nothing answered). */
  async cancelPendingFor(db: Queryable, dutyId: number, targetDate: string, at: Date): Promise<void> {
    await queryRows(
      db,
      `UPDATE task_deadline_event SET cancelled_at = $3 WHERE duty_id = $1 AND target_date = $2 AND done_at IS NULL AND cancelled_at IS NULL`,
      [dutyId, targetDate, at],
    );
  }

  /** Up to 50 due pending events of duties, earliest first, each claimed with its duty row FOR UPDATE SKIP LOCKED. */
  claimDue(db: Queryable, now: Date): Promise<DueDutyEventRow[]> {
    return queryRows(
      db,
      `SELECT e.id, e.duty_id, e.kind, to_char(e.target_date, 'YYYY-MM-DD') AS target_date, e.offset_days, e.due_at
         FROM task_deadline_event e JOIN campaign_duty d ON d.id = e.duty_id
        WHERE e.due_at <= $1 AND e.done_at IS NULL AND e.cancelled_at IS NULL
        ORDER BY e.due_at, e.id LIMIT 50 FOR UPDATE OF e, d SKIP LOCKED`,
      [now],
    );
  }

  /** Whether a later reminder of the same duty and due date is due as well (after `after`, by `now`). */
  async laterReminderDue(db: Queryable, dutyId: number, targetDate: string, after: Date, now: Date): Promise<boolean> {
    const row = await queryOne<{ later: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM task_deadline_event WHERE duty_id = $1 AND kind = 'reminder' AND target_date = $2
                         AND cancelled_at IS NULL AND due_at > $3 AND due_at <= $4) AS later`,
      [dutyId, targetDate, after, now],
    );
    return row!.later;
  }

  /** Whether the due date has a delivery. */
  async delivered(db: Queryable, dutyId: number, dueDate: string): Promise<boolean> {
    return (await queryRows(db, `SELECT 1 FROM campaign_duty_delivery WHERE duty_id = $1 AND due_date = $2`, [dutyId, dueDate])).length > 0;
  }

  /** The campaign's name, unit and settings (for planning and notices). */
  campaign(db: Queryable, id: number): Promise<{ name: string; org_unit_id: number; settings: unknown; status: string } | undefined> {
    return queryOne(db, `SELECT name, org_unit_id, settings, status FROM campaign WHERE id = $1`, [id]);
  }
}
