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
   * Per indicator of the campaign: the figure (actual and denominator) of each child unit of the unit as
   * of a date, the unit's total, and (childId null, not total) what is counted at the unit's own level:
   * its own leaf tasks and credits. Reads progress_rollup (see migration ProgressRollup1764000400002): a
   * unit's figure as of D is the sum of its daily changes up to D, so the cost is one short index range
   * per (unit, indicator) whatever the date and however many leaves lie below.
   */
  async rollup(campaignId: number, unit: { id: number; path: string; depth: number }, date: string, m: EntityManager = this.ds.manager): Promise<RollupCell[]> {
    const rows: { indicator_id: number; unit_id: number; actual: string; denominator: string }[] = await m.query(
      `SELECT r.indicator_id, r.unit_id, sum(r.d_actual)::text AS actual, sum(r.d_den)::text AS denominator
         FROM progress_rollup r
        WHERE r.unit_id IN (SELECT $2::int UNION ALL SELECT id FROM org_unit WHERE parent_id = $2)
          AND r.indicator_id IN (SELECT id FROM indicator WHERE campaign_id = $1)
          AND r.as_of <= $3::date
        GROUP BY r.indicator_id, r.unit_id`,
      [campaignId, unit.id, date],
    );
    const cells: RollupCell[] = [];
    const children = new Map<number, { actual: Exact; denominator: Exact }>();
    for (const r of rows) {
      if (r.unit_id === unit.id) {
        cells.push({ indicatorId: r.indicator_id, childId: null, total: true, actual: r.actual, denominator: r.denominator });
        continue;
      }
      cells.push({ indicatorId: r.indicator_id, childId: r.unit_id, total: false, actual: r.actual, denominator: r.denominator });
      const c = children.get(r.indicator_id) ?? { actual: Exact.ZERO, denominator: Exact.ZERO };
      children.set(r.indicator_id, { actual: c.actual.add(r.actual), denominator: c.denominator.add(r.denominator) });
    }
    // Own level = total - children: the unit's own leaf tasks (e.g. split over its cadres) and credits dated at the unit itself.
    for (const t of cells.filter((x) => x.total)) {
      const c = children.get(t.indicatorId) ?? { actual: Exact.ZERO, denominator: Exact.ZERO };
      const own = { actual: Exact.of(t.actual).sub(c.actual), denominator: Exact.of(t.denominator ?? 0).sub(c.denominator) };
      if (!own.actual.isZero() || !own.denominator.isZero())
        cells.push({
          indicatorId: t.indicatorId,
          childId: null,
          total: false,
          actual: own.actual.toDecimalString(),
          denominator: own.denominator.toDecimalString(),
        });
    }
    return cells;
  }

  /** Figures of several units for one indicator as of a date (settlements): unit id -> actual and denominator. */
  async unitFigures(
    indicatorId: number,
    unitIds: number[],
    date: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Map<number, { actual: string; denominator: string }>> {
    const rows: { unit_id: number; actual: string; denominator: string }[] = unitIds.length
      ? await m.query(
          `SELECT unit_id, sum(d_actual)::text AS actual, sum(d_den)::text AS denominator FROM progress_rollup
            WHERE indicator_id = $1 AND unit_id = ANY($2::int[]) AND as_of <= $3::date GROUP BY unit_id`,
          [indicatorId, unitIds, date],
        )
      : [];
    return new Map(rows.map((r) => [r.unit_id, { actual: r.actual, denominator: r.denominator }]));
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
   * A unit's rolled-up figure for one indicator on each date on which it changed (a report or a credit
   * below it): the running sum of its daily changes, from the campaign's first date, shown from `from` to `to`.
   */
  async series(indicatorId: number, unitId: number, from: string, to: string, m: EntityManager = this.ds.manager): Promise<SeriesPoint[]> {
    const rows: { as_of: string; actual: string; denominator: string | null }[] = await m.query(
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, den::text AS denominator
         FROM (SELECT as_of, sum(d_actual) OVER w AS actual, sum(d_den) OVER w AS den FROM progress_rollup
                WHERE unit_id = $1 AND indicator_id = $2 AND as_of <= $4::date WINDOW w AS (ORDER BY as_of)) s
        WHERE as_of >= $3::date ORDER BY as_of`,
      [unitId, indicatorId, from, to],
    );
    return rows.map((r) => ({ asOf: r.as_of, actual: r.actual, denominator: r.denominator }));
  }
}
