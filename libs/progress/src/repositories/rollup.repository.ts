import { IndicatorSource, TopTaskRecord } from '#campaigns';
import { queryRows } from '#core';
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

type RollupRow = { indicator_id: number; unit_id: number; actual: string; denominator: string };

/** The topmost live task of a unit (the campaigns library's reader answers it). */
export type TopTask = TopTaskRecord;

export interface SeriesPoint {
  asOf: string;
  actual: string;
  denominator: string | null;
}

/** progress_rollup: the set-based SQL of progress, rollups over the task tree and time series. */
@Injectable()
export class RollupRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Per indicator (of the campaign: its ids): the figure (actual and denominator) of each child unit of the unit as
   * of a date, the unit's total, and (childId null, not total) what is counted at the unit's own level:
   * its own leaf tasks and credits. Reads progress_rollup (see migration ProgressRollup1764000400002): a
   * unit's figure as of D is the sum of its daily changes up to D, so the cost is one short index range
   * per (unit, indicator) whatever the date and however many leaves lie below.
   */
  async rollup(
    indicators: { id: number; source?: IndicatorSource }[],
    unit: { id: number; path: string; depth: number },
    date: string,
    campaignId: number,
    m: EntityManager = this.ds.manager,
  ): Promise<RollupCell[]> {
    const reported = indicators.filter((i) => (i.source ?? 'reports') === 'reports').map((i) => i.id);
    const sourced = indicators.filter((i) => i.source !== undefined && i.source !== 'reports');
    const [fromReports, fromRecords]: RollupRow[][] = await Promise.all([
      reported.length
        ? queryRows<RollupRow>(
            m,
            `SELECT r.indicator_id, r.unit_id, sum(r.d_actual)::text AS actual, sum(r.d_den)::text AS denominator
               FROM progress_rollup r
              WHERE r.unit_id IN (SELECT $2::int UNION ALL SELECT id FROM org_unit_v WHERE parent_id = $2)
                AND r.indicator_id = ANY($1::int[])
                AND r.as_of <= $3::date
              GROUP BY r.indicator_id, r.unit_id`,
            [reported, unit.id, date],
          )
        : [],
      sourced.length
        ? this.fromRecords(
            sourced.map((i) => ({ id: i.id, source: i.source! })),
            unit.id,
            date,
            campaignId,
            m,
          )
        : [],
    ]);
    const rows = [...fromReports, ...fromRecords];
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

  /**
   * The figures of indicators fed by the records (issue 16: land projects, hardship groups) for the unit and each
   * of its children, each over its subtree as of the date: the sums of registry_indicator_fact_v's facts dated on
   * or before it (a fact without a date of its own counts from the beginning). Land facts belong to no campaign.
   */
  private fromRecords(
    indicators: { id: number; source: IndicatorSource }[],
    unitId: number,
    date: string,
    campaignId: number,
    m: EntityManager,
  ): Promise<RollupRow[]> {
    return queryRows<RollupRow>(
      m,
      `SELECT x.id AS indicator_id, u.id AS unit_id, sum(f.num)::text AS actual, sum(f.den)::text AS denominator
         FROM unnest($1::int[], $2::text[]) AS x(id, source)
         JOIN registry_indicator_fact_v f ON f.source = x.source AND (f.campaign_id IS NULL OR f.campaign_id = $5)
         JOIN org_unit_v u ON (u.id = $3 OR u.parent_id = $3) AND f.org_unit_path LIKE u.path || '%'
        WHERE f.as_of <= $4::date
        GROUP BY x.id, u.id`,
      [indicators.map((i) => i.id), indicators.map((i) => i.source), unitId, date, campaignId],
    );
  }

  /** Figures of several units for one indicator as of a date (settlements): unit id -> actual and denominator. */
  async unitFigures(
    indicatorId: number,
    unitIds: number[],
    date: string,
    m: EntityManager = this.ds.manager,
  ): Promise<Map<number, { actual: string; denominator: string }>> {
    const rows: { unit_id: number; actual: string; denominator: string }[] = unitIds.length
      ? await queryRows(
          m,
          `SELECT unit_id, sum(d_actual)::text AS actual, sum(d_den)::text AS denominator FROM progress_rollup
            WHERE indicator_id = $1 AND unit_id = ANY($2::int[]) AND as_of <= $3::date GROUP BY unit_id`,
          [indicatorId, unitIds, date],
        )
      : [];
    return new Map(rows.map((r) => [r.unit_id, { actual: r.actual, denominator: r.denominator }]));
  }

  /**
   * A unit's rolled-up figure for one indicator on each date on which it changed (a report or a credit
   * below it): the running sum of its daily changes, from the campaign's first date, shown from `from` to `to`.
   */
  async series(
    indicatorId: number,
    unitId: number,
    from: string,
    to: string,
    m: EntityManager = this.ds.manager,
    sourced?: { source: IndicatorSource; campaignId: number },
  ): Promise<SeriesPoint[]> {
    if (sourced && sourced.source !== 'reports') return this.recordSeries(sourced.source, sourced.campaignId, unitId, from, to, m);
    const rows: { as_of: string; actual: string; denominator: string | null }[] = await queryRows(
      m,
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, actual::text AS actual, den::text AS denominator
         FROM (SELECT as_of, sum(d_actual) OVER w AS actual, sum(d_den) OVER w AS den FROM progress_rollup
                WHERE unit_id = $1 AND indicator_id = $2 AND as_of <= $4::date WINDOW w AS (ORDER BY as_of)) s
        WHERE as_of >= $3::date ORDER BY as_of`,
      [unitId, indicatorId, from, to],
    );
    return rows.map((r) => ({ asOf: r.as_of, actual: r.actual, denominator: r.denominator }));
  }

  /** A record-fed indicator's series: the running sums of its facts below the unit, those before `from` gathered on `from`. */
  private async recordSeries(source: IndicatorSource, campaignId: number, unitId: number, from: string, to: string, m: EntityManager): Promise<SeriesPoint[]> {
    const rows: { as_of: string; actual: string; denominator: string }[] = await queryRows(
      m,
      `SELECT to_char(d, 'YYYY-MM-DD') AS as_of, (sum(num) OVER w)::text AS actual, (sum(den) OVER w)::text AS denominator
         FROM (SELECT greatest(f.as_of, $4::date) AS d, sum(f.num) AS num, sum(f.den) AS den
                 FROM registry_indicator_fact_v f JOIN org_unit_v u ON u.id = $3 AND f.org_unit_path LIKE u.path || '%'
                WHERE f.source = $1 AND (f.campaign_id IS NULL OR f.campaign_id = $2) AND f.as_of <= $5::date
                GROUP BY 1) s
        WINDOW w AS (ORDER BY d) ORDER BY d`,
      [source, campaignId, unitId, from, to],
    );
    return rows.map((r) => ({ asOf: r.as_of, actual: r.actual, denominator: r.denominator }));
  }

  /**
   * The counted leaf tasks in the unit's subtree (the unit included) whose report that counts as of the date carries only a
   * rate (issue 17 point 6): task, indicator, the holder's path and the rate in %. Starts from the partial index of rate-only
   * reports, so a campaign without any costs one empty index scan.
   */
  rateOnlyLeaves(
    indicatorIds: number[],
    unit: { path: string },
    date: string,
    m: EntityManager = this.ds.manager,
  ): Promise<{ task_id: number; indicator_id: number; path: string; rate: string }[]> {
    return queryRows(
      m,
      `SELECT l.task_id, l.indicator_id, l.counted_path AS path, r.rate::text AS rate
         FROM progress_leaf l
         CROSS JOIN LATERAL (SELECT rate_only, rate FROM progress_report
                              WHERE task_id = l.task_id AND as_of <= $3::date ORDER BY as_of DESC, id DESC LIMIT 1) r
        WHERE l.task_id IN (SELECT task_id FROM progress_report WHERE rate_only)
          AND l.counted_path LIKE $2 || '%' AND l.indicator_id = ANY($1::int[]) AND r.rate_only`,
      [indicatorIds, unit.path, date],
    );
  }
}
