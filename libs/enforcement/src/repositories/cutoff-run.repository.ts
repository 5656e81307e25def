import { orderBySql, Queryable, queryAffected, queryOne, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import type { CutoffRunSort, SubmissionEntrySort } from '../dto/escalation.dto';
import { Injectable } from '@nestjs/common';
import { CandidateRow } from './escalation-candidate.repository';

export interface CutoffRunRow {
  id: number;
  campaignId: number;
  districtId: number;
  districtName: string;
  cutoffDate: string;
  cutoffAt: Date;
  trigger: 'schedule' | 'manual';
  ranAt: Date;
  entryCount: number;
}

export interface NewCutoffRun {
  campaignId: number;
  districtId: number;
  districtPath: string;
  cutoffDate: string;
  cutoffAt: Date;
  trigger: 'schedule' | 'manual';
  triggeredBy: number | null;
  ranAt: Date;
  runner: string;
}

export interface SubmissionEntryRow {
  employerId: number;
  uscc: string;
  name: string;
  townName: string | null;
  uninsuredCount: number;
  refusalCount: number;
  lastVisitAt: Date | null;
  cadreName: string | null;
}

const RUN_SELECT = `
  SELECT r.id::int, r.campaign_id AS "campaignId", r.district_id AS "districtId", d.name AS "districtName",
         to_char(r.cutoff_date, 'YYYY-MM-DD') AS "cutoffDate", r.cutoff_at AS "cutoffAt", r.trigger, r.ran_at AS "ranAt", r.entry_count AS "entryCount"
    FROM cutoff_run r JOIN org_unit_v d ON d.id = r.district_id`;
const RUN_ORDER = `ORDER BY r.cutoff_at DESC, d.path`;
const RUN_SORT_COLUMNS: Record<CutoffRunSort, string> = {
  cutoffDate: 'r.cutoff_at',
  districtName: 'd.name',
  entryCount: 'r.entry_count',
  ranAt: 'r.ran_at',
};
const ENTRY_SORT_COLUMNS: Record<SubmissionEntrySort, string> = {
  name: 'e.name',
  townName: 't.name',
  uninsuredCount: 's.uninsured_count',
  refusalCount: 's.refusal_count',
  lastVisitAt: 's.last_visit_at',
};
const ENTRY_FROM = `
         FROM cutoff_submission_entry s JOIN registry_employer_v e ON e.id = s.employer_id
         LEFT JOIN org_unit_v t ON t.id = s.town_id LEFT JOIN org_user_v u ON u.id = s.cadre_id
        WHERE s.cutoff_run_id = $1`;
// $1 campaign, $2 district path prefix ('' for all), $3 cutoff date or null
const RUNS_IN_SCOPE = `r.campaign_id = $1 AND ${scopeSql('r.district_path', 2)} AND ($3::date IS NULL OR r.cutoff_date = $3)`;

/** cutoff_run and its frozen cutoff_submission_entry rows: one district's submission at one cutoff. */
@Injectable()
export class CutoffRunRepository {
  /** The run's id, or undefined when that (campaign, district, cutoff instant) already has its run. */
  async insert(db: Queryable, run: NewCutoffRun): Promise<string | undefined> {
    const row = await queryOne<{ id: string }>(
      db,
      `INSERT INTO cutoff_run (campaign_id, district_id, district_path, cutoff_date, cutoff_at, trigger, triggered_by, ran_at, runner, entry_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)
       ON CONFLICT (campaign_id, district_id, cutoff_at) DO NOTHING RETURNING id`,
      [run.campaignId, run.districtId, run.districtPath, run.cutoffDate, run.cutoffAt, run.trigger, run.triggeredBy, run.ranAt, run.runner],
    );
    return row?.id;
  }

  /** Freezes the candidates into the run's entries (nothing answered). */
  async insertEntries(db: Queryable, runId: string, rows: CandidateRow[]): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO cutoff_submission_entry (cutoff_run_id, employer_id, town_id, refusal_count, uninsured_count, last_visit_at, cadre_id)
       SELECT $1, x."employerId", x."townId", x."refusalCount", x."uninsuredCount", x."lastVisitAt", x."cadreId"
         FROM jsonb_to_recordset($2::jsonb) AS x("employerId" bigint, "townId" int, "refusalCount" int, "uninsuredCount" int, "lastVisitAt" timestamptz, "cadreId" int)`,
      [runId, JSON.stringify(rows)],
    );
  }

  /** Sets the run's entry count; answers the rows changed. */
  setEntryCount(db: Queryable, runId: string, count: number): Promise<number> {
    return queryAffected(db, `UPDATE cutoff_run SET entry_count = $2 WHERE id = $1`, [runId, count]);
  }

  /** The cutoff dates (YYYY-MM-DD) of a campaign at which at least `districtCount` of the given districts have their run. */
  async doneDates(db: Queryable, campaignId: number, districtIds: number[], districtCount: number): Promise<string[]> {
    const rows = await queryRows<{ d: string }>(
      db,
      `SELECT to_char(cutoff_date, 'YYYY-MM-DD') AS d FROM cutoff_run WHERE campaign_id = $1 AND district_id = ANY($2::int[])
        GROUP BY cutoff_date HAVING count(*) >= $3`,
      [campaignId, districtIds, districtCount],
    );
    return rows.map((r) => r.d);
  }

  /** How many district runs a cutoff instant of a campaign has. */
  async countAt(db: Queryable, campaignId: number, cutoffAt: Date): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM cutoff_run WHERE campaign_id = $1 AND cutoff_at = $2`, [
      campaignId,
      cutoffAt,
    ]);
    return row!.n;
  }

  /** The runs of a cutoff instant of a campaign, by district path. */
  at(db: Queryable, campaignId: number, cutoffAt: Date): Promise<CutoffRunRow[]> {
    return queryRows(db, `${RUN_SELECT} WHERE r.campaign_id = $1 AND r.cutoff_at = $2 ${RUN_ORDER}`, [campaignId, cutoffAt]);
  }

  /** One run, or undefined. */
  byId(db: Queryable, id: number): Promise<CutoffRunRow | undefined> {
    return queryOne(db, `${RUN_SELECT} WHERE r.id = $1 ${RUN_ORDER}`, [id]);
  }

  /** The path of the run's district. */
  async districtPath(db: Queryable, id: number): Promise<string> {
    const row = await queryOne<{ path: string }>(db, `SELECT district_path AS path FROM cutoff_run WHERE id = $1`, [id]);
    return row!.path;
  }

  /** How many runs of a campaign are of districts in the scope, on a cutoff date if given. */
  async countInScope(db: Queryable, campaignId: number, scope: Scope, cutoffDate: string | null): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM cutoff_run r WHERE ${RUNS_IN_SCOPE}`, [
      campaignId,
      scopeParam(scope),
      cutoffDate,
    ]);
    return row!.n;
  }

  /** One page of the same, in the asked order (default newest cutoff first, by district path). */
  pageInScope(
    db: Queryable,
    campaignId: number,
    scope: Scope,
    cutoffDate: string | null,
    sort: SortParams<CutoffRunSort>,
    limit: number,
    offset: number,
  ): Promise<CutoffRunRow[]> {
    const order = orderBySql(sort, RUN_SORT_COLUMNS, 'r.cutoff_at DESC, d.path, r.id');
    return queryRows(db, `${RUN_SELECT} WHERE ${RUNS_IN_SCOPE} ${order} LIMIT $4 OFFSET $5`, [campaignId, scopeParam(scope), cutoffDate, limit, offset]);
  }

  /** One page of a run's frozen entries with employer, town and cadre names, in the asked order (default most refusals first). */
  entryPage(db: Queryable, runId: number, sort: SortParams<SubmissionEntrySort>, limit: number, offset: number): Promise<SubmissionEntryRow[]> {
    const order = orderBySql(sort, ENTRY_SORT_COLUMNS, 's.refusal_count DESC, s.employer_id');
    return queryRows(
      db,
      `SELECT s.employer_id::int AS "employerId", e.uscc, e.name, t.name AS "townName", s.uninsured_count AS "uninsuredCount",
              s.refusal_count AS "refusalCount", s.last_visit_at AS "lastVisitAt", u.display_name AS "cadreName"
         ${ENTRY_FROM} ${order} LIMIT $2 OFFSET $3`,
      [runId, limit, offset],
    );
  }

  /** How many entries a run froze. */
  async countEntries(db: Queryable, runId: number): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM cutoff_submission_entry s WHERE s.cutoff_run_id = $1`, [runId]);
    return row!.n;
  }
}
