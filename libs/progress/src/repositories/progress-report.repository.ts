import { orderBySql, queryOne, Queryable, queryRows, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

type Db = Queryable | EntityManager;

export interface ReportRow {
  id: string;
  task_id: number;
  as_of: string;
  actual: string;
  denominator: string | null;
  reason: string | null;
  corrects_id: string | null;
  reported_by: number | null;
  reported_at: Date;
  /** A ratio reported as a rate only (then actual is 0, denominator null, rate the % as written). */
  rate_only: boolean;
  rate: string | null;
  counts?: boolean;
}

export interface NewReport {
  taskId: number;
  asOf: string;
  actual: string | number;
  denominator: string | number | null;
  reason: string | null;
  correctsId: string | null;
  reportedBy: number;
  reportedAt: Date;
  /** Rate-only report: the rate in % (actual 0, denominator null); null for figures. */
  rate: string | null;
}

const COLS = `id, task_id, to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, denominator::text AS denominator, reason, corrects_id, reported_by, reported_at, rate_only, rate::text AS rate`;

/** progress_report: append-only cumulative actuals per task and date (the latest report for a date counts). */
@Injectable()
export class ProgressReportRepository {
  /** The task's latest report dated before the date (as_of, actual, rate_only), or undefined. */
  latestBefore(db: Db, taskId: number, asOf: string): Promise<{ as_of: string; actual: string; rate_only: boolean } | undefined> {
    return queryOne(
      db,
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, rate_only FROM progress_report
        WHERE task_id = $1 AND as_of < $2 ORDER BY as_of DESC, id DESC LIMIT 1`,
      [taskId, asOf],
    );
  }

  /** The id of the task's latest report dated on the date, or undefined. */
  latestOn(db: Db, taskId: number, asOf: string): Promise<{ id: string } | undefined> {
    return queryOne(db, `SELECT id FROM progress_report WHERE task_id = $1 AND as_of = $2 ORDER BY id DESC LIMIT 1`, [taskId, asOf]);
  }

  /** The task's first date reported after the date, with the latest report on it (as_of, actual, rate_only), or undefined. */
  firstAfter(db: Db, taskId: number, asOf: string): Promise<{ as_of: string; actual: string; rate_only: boolean } | undefined> {
    return queryOne(
      db,
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, rate_only FROM progress_report
        WHERE task_id = $1 AND as_of > $2 ORDER BY as_of, id DESC LIMIT 1`,
      [taskId, asOf],
    );
  }

  /** Inserts a report: the stored row. */
  async insert(m: EntityManager, r: NewReport): Promise<ReportRow> {
    const [row] = await queryRows<ReportRow>(
      m,
      `INSERT INTO progress_report (task_id, as_of, actual, denominator, reason, corrects_id, reported_by, reported_at, rate_only, rate)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric IS NOT NULL, $9) RETURNING ${COLS}`,
      [r.taskId, r.asOf, r.actual, r.denominator, r.reason, r.correctsId, r.reportedBy, r.reportedAt, r.rate],
    );
    return row;
  }

  /** A page of the task's reports, newest first unless sorted, each with `counts` (the latest one of its date). */
  history(db: Db, taskId: number, sort: SortParams<'asOf' | 'actual' | 'reportedAt'>, offset: number, limit: number): Promise<ReportRow[]> {
    const order = orderBySql(sort, { asOf: 'as_of', actual: 'actual', reportedAt: 'reported_at' }, 'as_of DESC, id DESC');
    return queryRows(
      db,
      `SELECT ${COLS}, id = max(id) OVER (PARTITION BY as_of) AS counts FROM progress_report WHERE task_id = $1
        ${order} OFFSET $2 LIMIT $3`,
      [taskId, offset, limit],
    );
  }

  /** How many reports the task has. */
  async count(db: Db, taskId: number): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM progress_report WHERE task_id = $1`, [taskId]);
    return n;
  }

  /** Task id -> actual of its latest report as of the date (tasks without one are absent). */
  async latestActualAsOf(db: Db, taskIds: number[], asOf: string): Promise<Map<number, string>> {
    if (!taskIds.length) return new Map();
    const rows = await queryRows<{ task_id: number; actual: string }>(
      db,
      `SELECT DISTINCT ON (task_id) task_id, actual::text AS actual FROM progress_report
        WHERE task_id = ANY($1::int[]) AND as_of <= $2::date ORDER BY task_id, as_of DESC, id DESC`,
      [taskIds, asOf],
    );
    return new Map(rows.map((r) => [r.task_id, r.actual]));
  }

  /**
   * Demo: on each date, a report on each of the leaf tasks paced by its unit's district (DH 115 %, XL 65 %,
   * NC 100 %, the subtree of the town with id `zeroTownId` at zero). Inserts; returns nothing.
   */
  async seedDemo(
    m: EntityManager,
    leaves: { id: number; target: string; kind: string; holder_unit_id: number }[],
    startsOn: string,
    zeroTownId: number,
    dates: string[],
  ): Promise<void> {
    await m.query(
      `WITH leaves AS (
         SELECT l.id, l.target, l.kind, o.id AS unit_id, o.path,
                CASE WHEN o.path LIKE '%/' || $3::text || '/%' THEN 0
                     WHEN d.code = 'DH' THEN 1.15 WHEN d.code = 'XL' THEN 0.65 ELSE 1.0 END * (0.9 + (o.id % 5) * 0.05) AS pace
           FROM unnest($1::int[], $5::numeric[], $6::text[], $7::int[]) AS l(id, target, kind, unit_id)
           JOIN org_unit_v o ON o.id = l.unit_id
           LEFT JOIN org_unit_v d ON d.level = 'district' AND o.path LIKE d.path || '%'
       ), dates AS (
         SELECT d::date AS as_of, (d::date - $2::date)::numeric / 365 AS frac FROM unnest($4::text[]) d
       )
       INSERT INTO progress_report (task_id, as_of, actual, denominator, reported_at)
       SELECT l.id, dt.as_of,
              CASE WHEN l.kind = 'ratio' THEN round((800 + l.unit_id % 400) * LEAST(0.995, CASE WHEN l.pace = 0 THEN 0 ELSE 0.9 + 0.09 * l.pace * dt.frac END))
                   ELSE round(l.target * LEAST(1.3, l.pace * dt.frac)) END,
              CASE WHEN l.kind = 'ratio' THEN 800 + l.unit_id % 400 END,
              dt.as_of::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '17 hours'
         FROM leaves l CROSS JOIN dates dt`,
      [leaves.map((l) => l.id), startsOn, zeroTownId, dates, leaves.map((l) => l.target), leaves.map((l) => l.kind), leaves.map((l) => l.holder_unit_id)],
    );
  }
}
