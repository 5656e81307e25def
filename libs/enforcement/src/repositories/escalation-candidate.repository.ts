import { orderBySql, Queryable, queryOne, queryRows, SortParams } from '#core';
import type { CandidateSort } from '../dto/escalation.dto';
import { EMPLOYER_GONE_OUTCOMES } from '#registry';
import { Injectable } from '@nestjs/common';

export interface CandidateRow {
  employerId: number;
  uscc: string;
  name: string;
  address: string | null;
  districtId: number;
  districtName: string;
  townId: number | null;
  townName: string | null;
  uninsuredCount: number;
  refusalCount: number;
  lastVisitAt: Date | null;
  cadreId: number | null;
  cadreName: string | null;
}

const GONE = EMPLOYER_GONE_OUTCOMES.map((o) => `'${o}'`).join(',');

// $1 campaign, $2 unit path, $3 as-of instant, $4 refusal threshold.
const CANDIDATE_FROM = `
    FROM registry_employer_v e
    JOIN LATERAL (
      SELECT count(*) FILTER (WHERE v.outcome = 'refused')::int AS refusals,
             count(*) FILTER (WHERE v.outcome = 'enrolled')::int AS enrolments,
             max(v.visited_at) AS last_visit_at,
             (array_agg(v.outcome ORDER BY v.visited_at DESC, v.id DESC))[1] AS last_outcome
        FROM registry_visit_v v WHERE v.employer_id = e.id AND v.visited_at <= $3) r ON true
    JOIN org_unit_v d ON d.level = 'district' AND e.org_unit_path LIKE d.path || '%'`;
const CANDIDATE_DETAIL_JOINS = `
    LEFT JOIN org_user_v cu ON cu.id = e.cadre_id
    LEFT JOIN LATERAL (SELECT id, name FROM org_unit_v t WHERE t.level = 'town' AND e.org_unit_path LIKE t.path || '%' LIMIT 1) t ON true`;
const CANDIDATE_WHERE = `
    WHERE e.campaign_id = $1 AND e.org_unit_path LIKE $2 || '%'
      AND r.refusals >= $4 AND r.enrolments = 0 AND r.last_outcome NOT IN (${GONE})
      AND NOT (e.status = 'enrolled' AND e.updated_at <= $3)
      AND NOT EXISTS (SELECT 1 FROM inspection_case c
                       WHERE c.employer_id = e.id AND c.opened_at <= $3
                         AND (c.closed_at IS NULL OR c.closed_at > $3 OR c.resolution = 'rectified'))`;
const CANDIDATE_SELECT = `
    SELECT e.id::int AS "employerId", e.uscc, e.name, e.address, d.id AS "districtId", d.name AS "districtName",
           t.id AS "townId", t.name AS "townName", e.uninsured_count AS "uninsuredCount", r.refusals AS "refusalCount",
           r.last_visit_at AS "lastVisitAt", e.cadre_id AS "cadreId", cu.display_name AS "cadreName"
    ${CANDIDATE_FROM}${CANDIDATE_DETAIL_JOINS}${CANDIDATE_WHERE}`;
const CANDIDATE_ORDER = 'd.path, r.refusals DESC, e.id';
const CANDIDATE_SORT_COLUMNS: Record<CandidateSort, string> = {
  name: 'e.name',
  districtName: 'd.name',
  uninsuredCount: 'e.uninsured_count',
  refusalCount: 'r.refusals',
  lastVisitAt: 'r.last_visit_at',
};

/**
 * The escalation candidates, set-based over the registry's employers and visits (its views registry_employer_v,
 * registry_visit_v), org's units and users (org_unit_v, org_user_v) and enforcement's own cases.
 */
@Injectable()
export class EscalationCandidateRepository {
  /** Every candidate of a campaign under a unit path as of an instant, by district path, refusals (most first), employer. */
  all(db: Queryable, campaignId: number, unitPath: string, asOf: Date, threshold: number): Promise<CandidateRow[]> {
    return queryRows(db, `${CANDIDATE_SELECT} ORDER BY ${CANDIDATE_ORDER}`, [campaignId, unitPath, asOf, threshold]);
  }

  /** One page of the same, in the asked order (default that of `all`). */
  page(
    db: Queryable,
    campaignId: number,
    unitPath: string,
    asOf: Date,
    threshold: number,
    sort: SortParams<CandidateSort>,
    limit: number,
    offset: number,
  ): Promise<CandidateRow[]> {
    const order = orderBySql(sort, CANDIDATE_SORT_COLUMNS, CANDIDATE_ORDER);
    return queryRows(db, `${CANDIDATE_SELECT} ${order} LIMIT $5 OFFSET $6`, [campaignId, unitPath, asOf, threshold, limit, offset]);
  }

  /** How many candidates there are. */
  async count(db: Queryable, campaignId: number, unitPath: string, asOf: Date, threshold: number): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n ${CANDIDATE_FROM}${CANDIDATE_WHERE}`, [campaignId, unitPath, asOf, threshold]);
    return row!.n;
  }
}
