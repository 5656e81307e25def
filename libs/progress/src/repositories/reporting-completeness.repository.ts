import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

type Db = Queryable | EntityManager;

/**
 * The (unit, indicator) pairs that must report in a campaign under a unit path, and whether each has reported in a
 * window: a pair is a unit holding a counted leaf task of the indicator (a live task not split further: a split
 * task's figure is its children's sum) that is not closed by hand. Parameters: $1 campaign, $2 path prefix,
 * $3 window's first day, $4 its last day. `missing`: some task of the pair has no report dated in the window;
 * `last_on`: the latest report up to the window's end of its laggard task (null: one never reported).
 */
const PAIRS = `
  leaf AS (
    SELECT t.id, t.indicator_id, t.holder_unit_id AS unit_id,
           (SELECT max(r.as_of) FROM progress_report r WHERE r.task_id = t.id AND r.as_of <= $4::date) AS last_on
      FROM campaigns_task_v t
      JOIN progress_leaf l ON l.task_id = t.id AND l.counted_path IS NOT NULL
      JOIN org_unit_v u ON u.id = t.holder_unit_id AND u.active
     WHERE t.campaign_id = $1 AND t.status <> 'completed' AND u.path LIKE $2 || '%'),
  pair AS (
    SELECT unit_id, indicator_id, bool_or(last_on IS NULL OR last_on < $3::date) AS missing,
           CASE WHEN bool_or(last_on IS NULL) THEN NULL ELSE min(last_on) END AS last_on
      FROM leaf GROUP BY unit_id, indicator_id),
  missing_unit AS (
    SELECT p.unit_id, CASE WHEN bool_or(p.last_on IS NULL) THEN NULL ELSE min(p.last_on) END AS last_on,
           jsonb_agg(jsonb_build_object('indicatorId', i.id, 'code', i.code, 'name', i.name, 'lastReportOn', to_char(p.last_on, 'YYYY-MM-DD'))
                     ORDER BY i.id) AS indicators,
           array_agg(i.id ORDER BY i.id) AS indicator_ids, string_agg(i.name, '、' ORDER BY i.id) AS indicator_names
      FROM pair p JOIN campaigns_indicator_v i ON i.id = p.indicator_id
     -- an indicator fed by the land or hardship records is never reported
     WHERE p.missing AND i.source = 'reports' GROUP BY p.unit_id)`;

/** The active unit managers of unit u (id, name, phone), by id. */
const MANAGERS = `(SELECT coalesce(jsonb_agg(jsonb_build_object('userId', m.id, 'name', m.display_name, 'phone', m.phone) ORDER BY m.id), '[]'::jsonb)
                     FROM org_user_v m WHERE m.org_unit_id = u.id AND m.active AND 'unit_manager' = ANY(m.roles))`;

export interface MissingIndicatorRow {
  indicatorId: number;
  code: string;
  name: string;
  lastReportOn: string | null;
}

export interface MissingUnitRow {
  unit_id: number;
  code: string;
  name: string;
  last_on: string | null;
  indicators: MissingIndicatorRow[];
  managers: { userId: number; name: string; phone: string | null }[];
  reminded_at: Date | null;
}

export interface ClaimedReminderRow {
  org_unit_id: number;
  unit_name: string;
  recipient_ids: number[];
  indicator_names: string;
}

/** Who has not reported in a period (progress_report against campaigns' leaf tasks) and reporting_reminder. */
@Injectable()
export class ReportingCompletenessRepository {
  /**
   * One page of the units under the path that have not reported every indicator they hold a leaf task of in
   * from..to: the laggards first (never reported, then the oldest latest report), then by code; each with its
   * missing indicators, its managers and when it was reminded for the period starting `from`.
   */
  missingPage(db: Db, campaignId: number, prefix: string, from: string, to: string, offset: number, limit: number): Promise<MissingUnitRow[]> {
    return queryRows<MissingUnitRow>(
      db,
      `WITH ${PAIRS}
       SELECT u.id AS unit_id, u.code, u.name, to_char(x.last_on, 'YYYY-MM-DD') AS last_on, x.indicators, ${MANAGERS} AS managers, rr.reminded_at
         FROM missing_unit x JOIN org_unit_v u ON u.id = x.unit_id
         LEFT JOIN reporting_reminder rr ON rr.campaign_id = $1 AND rr.org_unit_id = u.id AND rr.period_start = $3::date
        ORDER BY x.last_on NULLS FIRST, u.code, u.id OFFSET $5 LIMIT $6`,
      [campaignId, prefix, from, to, offset, limit],
    );
  }

  /** How many units under the path must report (hold a counted leaf task) and how many of them have not in from..to. */
  async counts(db: Db, campaignId: number, prefix: string, from: string, to: string): Promise<{ expected: number; missing: number }> {
    const row = await queryOne<{ expected: number; missing: number }>(
      db,
      `WITH ${PAIRS}
       SELECT (SELECT count(DISTINCT unit_id) FROM pair)::int AS expected, (SELECT count(*) FROM missing_unit)::int AS missing`,
      [campaignId, prefix, from, to],
    );
    return row ?? { expected: 0, missing: 0 };
  }

  /**
   * Claims the reminders of a period: one reporting_reminder row per unit under the path that has not reported in
   * the period (ON CONFLICT DO NOTHING on campaign, unit, period start), with its managers as recipients; a unit
   * with no active manager is left unclaimed, to be reminded once it has one. Returns
   * the rows inserted now (a unit reminded before is not returned), to be notified in the same transaction.
   */
  claimReminders(m: EntityManager, campaignId: number, prefix: string, period: { start: string; end: string }, now: Date): Promise<ClaimedReminderRow[]> {
    return queryRows<ClaimedReminderRow>(
      m,
      `WITH ${PAIRS},
       ins AS (
         INSERT INTO reporting_reminder (campaign_id, org_unit_id, period_start, period_end, indicator_ids, recipient_ids, reminded_at)
         SELECT $1, x.unit_id, $3::date, $4::date, x.indicator_ids,
                coalesce((SELECT array_agg(m.id ORDER BY m.id) FROM org_user_v m
                           WHERE m.org_unit_id = x.unit_id AND m.active AND 'unit_manager' = ANY(m.roles)), '{}'::int[]), $5
           FROM missing_unit x
          WHERE EXISTS (SELECT 1 FROM org_user_v m WHERE m.org_unit_id = x.unit_id AND m.active AND 'unit_manager' = ANY(m.roles))
          ORDER BY x.unit_id
         ON CONFLICT (campaign_id, org_unit_id, period_start) DO NOTHING
         RETURNING org_unit_id, recipient_ids)
       SELECT ins.org_unit_id, u.name AS unit_name, ins.recipient_ids, x.indicator_names
         FROM ins JOIN org_unit_v u ON u.id = ins.org_unit_id JOIN missing_unit x ON x.unit_id = ins.org_unit_id
        ORDER BY ins.org_unit_id`,
      [campaignId, prefix, period.start, period.end, now],
    );
  }
}
