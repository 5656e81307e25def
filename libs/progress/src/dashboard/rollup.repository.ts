import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Exact } from '../rules/exact';

export interface RollupCell {
  indicatorId: number;
  /** The child of the unit the figure belongs to; null for the unit's own leaf task or, when total is true, the unit's total. */
  childId: number | null;
  total: boolean;
  actual: string;
  denominator: string | null;
}

export interface TopTask {
  taskId: number;
  indicatorId: number;
  unitId: number;
  target: string;
  deadline: string;
}

export interface SeriesPoint {
  asOf: string;
  actual: string;
  denominator: string | null;
}

/** The set-based SQL of progress: rollups over the task tree, targets, time series. */
@Injectable()
export class RollupRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Per indicator of the campaign: the actual (and denominator) of each child unit of the unit as of a
   * date (childId null: the unit's own leaf task). A figure is the sum over the leaf tasks below (tasks
   * with no live child task): a unit's own report counts only where it has not cascaded its task further.
   * A leaf's figure is its latest report on or before the date: progress_latest when that is not after
   * the date, else one probe of the (task_id, as_of DESC, id DESC) index for the few later ones.
   * One statement, no per-unit queries; the unit's total is the sum of these cells.
   */
  async rollup(campaignId: number, unit: { id: number; path: string; depth: number }, date: string, m: EntityManager = this.ds.manager): Promise<RollupCell[]> {
    const rows: { indicator_id: number; child_id: number | null; actual: string; denominator: string | null }[] = await m.query(
      `WITH leaves AS NOT MATERIALIZED (
         SELECT t.id AS task_id, t.indicator_id, NULLIF(split_part(o.path, '/', $4 + 3), '')::int AS child_id
           FROM task t JOIN org_unit o ON o.id = t.holder_unit_id
          WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL AND o.path LIKE $2
            AND NOT EXISTS (SELECT 1 FROM task c WHERE c.parent_task_id = t.id AND c.withdrawn_at IS NULL)
       ), vals AS (
         SELECT l.indicator_id, l.child_id, pl.actual, pl.denominator
           FROM leaves l JOIN progress_latest pl ON pl.task_id = l.task_id AND pl.as_of <= $3::date
         UNION ALL
         SELECT l.indicator_id, l.child_id, h.actual, h.denominator
           FROM leaves l JOIN progress_latest pl ON pl.task_id = l.task_id AND pl.as_of > $3::date
           CROSS JOIN LATERAL (
             SELECT r.actual, r.denominator FROM progress_report r
              WHERE r.task_id = l.task_id AND r.as_of <= $3::date
              ORDER BY r.as_of DESC, r.id DESC LIMIT 1) h
       )
       SELECT indicator_id, child_id, sum(actual)::text AS actual, sum(denominator)::text AS denominator
         FROM vals GROUP BY indicator_id, child_id`,
      [campaignId, `${unit.path}%`, date, unit.depth],
    );
    const cells: RollupCell[] = rows.map((r) => ({
      indicatorId: r.indicator_id,
      childId: r.child_id,
      total: false,
      actual: r.actual,
      denominator: r.denominator,
    }));
    const totals = new Map<number, { actual: Exact; denominator: Exact | null }>();
    for (const c of cells) {
      const t = totals.get(c.indicatorId) ?? { actual: Exact.ZERO, denominator: null };
      t.actual = t.actual.add(c.actual);
      if (c.denominator !== null) t.denominator = (t.denominator ?? Exact.ZERO).add(c.denominator);
      totals.set(c.indicatorId, t);
    }
    for (const [indicatorId, t] of totals) {
      cells.push({ indicatorId, childId: null, total: true, actual: t.actual.toDecimalString(), denominator: t.denominator?.toDecimalString() ?? null });
    }
    return cells;
  }

  /** The topmost live task of the campaign held by the unit and by each of its children (one per indicator). */
  async topTasks(campaignId: number, unitId: number, m: EntityManager = this.ds.manager): Promise<TopTask[]> {
    const rows: { id: number; indicator_id: number; holder_unit_id: number; target: string; deadline: string }[] = await m.query(
      `SELECT t.id, t.indicator_id, t.holder_unit_id, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline
         FROM task t JOIN org_unit o ON o.id = t.holder_unit_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL AND (o.id = $2 OR o.parent_id = $2)
          AND (p.id IS NULL OR p.holder_unit_id <> t.holder_unit_id)
        ORDER BY t.id`,
      [campaignId, unitId],
    );
    return rows.map((r) => ({ taskId: r.id, indicatorId: r.indicator_id, unitId: r.holder_unit_id, target: r.target, deadline: r.deadline }));
  }

  /**
   * A unit's rolled-up actual by report date for one indicator: on each date on which any leaf below
   * reported, the sum of every leaf's latest report up to that date (one pass: per leaf, the change
   * since its previous date, then a running sum).
   */
  async series(
    campaignId: number,
    indicatorId: number,
    unitPath: string,
    from: string,
    to: string,
    m: EntityManager = this.ds.manager,
  ): Promise<SeriesPoint[]> {
    const rows: { as_of: string; actual: string; denominator: string | null }[] = await m.query(
      `WITH leaves AS (
         SELECT t.id FROM task t JOIN org_unit o ON o.id = t.holder_unit_id
          WHERE t.campaign_id = $1 AND t.indicator_id = $2 AND t.withdrawn_at IS NULL AND o.path LIKE $3
            AND NOT EXISTS (SELECT 1 FROM task c WHERE c.parent_task_id = t.id AND c.withdrawn_at IS NULL)
       ), per_day AS (
         SELECT DISTINCT ON (r.task_id, r.as_of) r.task_id, r.as_of, r.actual, coalesce(r.denominator, 0) AS den
           FROM progress_report r JOIN leaves l ON l.id = r.task_id
          WHERE r.as_of <= $5::date
          ORDER BY r.task_id, r.as_of, r.id DESC
       ), deltas AS (
         SELECT as_of, actual - coalesce(lag(actual) OVER w, 0) AS d_actual, den - coalesce(lag(den) OVER w, 0) AS d_den
           FROM per_day WINDOW w AS (PARTITION BY task_id ORDER BY as_of)
       ), daily AS (
         SELECT as_of, sum(d_actual) AS d_actual, sum(d_den) AS d_den FROM deltas GROUP BY as_of
       ), running AS (
         SELECT as_of, sum(d_actual) OVER (ORDER BY as_of) AS actual, sum(d_den) OVER (ORDER BY as_of) AS den FROM daily
       )
       SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, den::text AS denominator
         FROM running WHERE as_of >= $4::date ORDER BY as_of`,
      [campaignId, indicatorId, `${unitPath}%`, from, to],
    );
    return rows.map((r) => ({ asOf: r.as_of, actual: r.actual, denominator: r.denominator }));
  }
}
