import { DayUnit, orderBySql, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LandProjectSort } from './land.dto';

export interface LandProjectRow {
  id: number;
  org_unit_id: number;
  unit_name: string;
  unit_path: string;
  name: string;
  year: number;
  agreement_on: string;
  area_mu: string;
  fund_due: string;
  fund_arrived: string;
  verify_within_days: number;
  verify_day_unit: DayUnit;
  split_people: number | null;
  split_amount_each: string | null;
  listed: number;
  verified: number;
}

export interface LandFarmerRow {
  id: number;
  name: string;
  id_number: string;
  village: string;
  verified: boolean;
  verified_on: string | null;
  subsidy_paid_on: string | null;
}

export interface LandCountsRow {
  unit_id: number;
  unit_name: string;
  projects: number;
  projects_verified: number;
  fund_due: string;
  fund_arrived: string;
  farmers_verified: number;
  farmers_insured: number;
}

export interface LandProjectFields {
  name: string;
  year: number;
  agreementOn: string;
  areaMu: string;
  fundDue: string;
  fundArrived: string;
  verifyWithinDays: number;
  verifyDayUnit: DayUnit;
}

export interface LandFarmerFields {
  name: string;
  idNumber: string;
  village: string;
  verified: boolean;
  verifiedOn: string | null;
  subsidyPaidOn: string | null;
}

const PROJECT_SELECT = `
  SELECT p.id, p.org_unit_id, u.name AS unit_name, u.path AS unit_path, p.name, p.year, p.agreement_on::text AS agreement_on,
         p.area_mu::text AS area_mu, p.fund_due::text AS fund_due, p.fund_arrived::text AS fund_arrived, p.verify_within_days, p.verify_day_unit,
         p.split_people, p.split_amount_each::text AS split_amount_each,
         (SELECT count(*)::int FROM land_farmer f WHERE f.project_id = p.id) AS listed,
         (SELECT count(*)::int FROM land_farmer f WHERE f.project_id = p.id AND f.verified) AS verified
    FROM land_project p JOIN org_unit_v u ON u.id = p.org_unit_id`;

const SORT_COLUMNS: Record<LandProjectSort, string> = {
  name: 'p.name',
  year: 'p.year',
  agreementOn: 'p.agreement_on',
  fundDue: 'p.fund_due',
  fundArrived: 'p.fund_arrived',
};

/** Land projects and their farmers (seeds 000 and 004). */
@Injectable()
export class LandRepository {
  async insertProject(m: EntityManager, unitId: number, f: LandProjectFields): Promise<number> {
    const rows: { id: number }[] = await m.query(
      `INSERT INTO land_project (org_unit_id, name, year, agreement_on, area_mu, fund_due, fund_arrived, verify_within_days, verify_day_unit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [unitId, f.name, f.year, f.agreementOn, f.areaMu, f.fundDue, f.fundArrived, f.verifyWithinDays, f.verifyDayUnit],
    );
    return rows[0].id;
  }

  async updateProject(m: EntityManager, id: number, f: LandProjectFields): Promise<void> {
    await m.query(
      `UPDATE land_project SET name = $2, year = $3, agreement_on = $4, area_mu = $5, fund_due = $6, fund_arrived = $7,
              verify_within_days = $8, verify_day_unit = $9, updated_at = now() WHERE id = $1`,
      [id, f.name, f.year, f.agreementOn, f.areaMu, f.fundDue, f.fundArrived, f.verifyWithinDays, f.verifyDayUnit],
    );
  }

  async deleteProject(m: EntityManager, id: number): Promise<void> {
    await m.query(`DELETE FROM land_project WHERE id = $1`, [id]);
  }

  async setFundSplit(m: EntityManager, id: number, split: { people: number; amountEach: string } | null): Promise<void> {
    await m.query(`UPDATE land_project SET split_people = $2, split_amount_each = $3, updated_at = now() WHERE id = $1`, [
      id,
      split?.people ?? null,
      split?.amountEach ?? null,
    ]);
  }

  /** A project with its unit's path (to check scope); FOR UPDATE when it is to be changed. */
  async findProject(m: EntityManager, id: number, lock = false): Promise<LandProjectRow | undefined> {
    const rows: LandProjectRow[] = await m.query(`${PROJECT_SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]);
    return rows[0];
  }

  async listProjects(
    m: EntityManager,
    scope: Scope,
    q: SortParams<LandProjectSort> & { search?: string; limit: number; offset: number },
  ): Promise<{ rows: LandProjectRow[]; total: number }> {
    const where = `WHERE ${scopeSql('u.path', 1)} AND ($2::text IS NULL OR p.name ILIKE '%' || replace(replace(replace($2, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')`;
    const params = [scopeParam(scope), q.search?.trim() || null];
    const [rows, count]: [LandProjectRow[], { n: number }[]] = await Promise.all([
      m.query(`${PROJECT_SELECT} ${where} ${orderBySql(q, SORT_COLUMNS, 'p.agreement_on DESC, p.id DESC')} LIMIT $3 OFFSET $4`, [...params, q.limit, q.offset]),
      m.query(`SELECT count(*)::int AS n FROM land_project p JOIN org_unit_v u ON u.id = p.org_unit_id ${where}`, params),
    ]);
    return { rows, total: count[0].n };
  }

  /** Adds farmers, or updates one already listed under the same ID number; returns how many were new. */
  async upsertFarmers(m: EntityManager, projectId: number, farmers: LandFarmerFields[]): Promise<{ added: number; updated: number }> {
    const rows: { inserted: boolean }[] = await m.query(
      `INSERT INTO land_farmer (project_id, name, id_number, village, verified, verified_on, subsidy_paid_on)
       SELECT $1, x.name, x.id_number, x.village, x.verified, x.verified_on, x.subsidy_paid_on
         FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[], $6::date[], $7::date[]) AS x(name, id_number, village, verified, verified_on, subsidy_paid_on)
       ON CONFLICT (project_id, id_number) DO UPDATE SET name = EXCLUDED.name, village = EXCLUDED.village,
              verified = EXCLUDED.verified, verified_on = EXCLUDED.verified_on, subsidy_paid_on = EXCLUDED.subsidy_paid_on
       RETURNING (xmax = 0) AS inserted`,
      [
        projectId,
        farmers.map((f) => f.name),
        farmers.map((f) => f.idNumber),
        farmers.map((f) => f.village),
        farmers.map((f) => f.verified),
        farmers.map((f) => f.verifiedOn),
        farmers.map((f) => f.subsidyPaidOn),
      ],
    );
    const added = rows.filter((r) => r.inserted).length;
    return { added, updated: rows.length - added };
  }

  /** Records a farmer's verification and, unless `subsidyPaidOn` is undefined (kept), when the subsidy was paid. */
  async setVerified(
    m: EntityManager,
    projectId: number,
    farmerId: number,
    v: { verified: boolean; verifiedOn: string | null; subsidyPaidOn: string | null | undefined },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `UPDATE land_farmer SET verified = $3, verified_on = $4, subsidy_paid_on = CASE WHEN $5::boolean THEN $6::date ELSE subsidy_paid_on END
        WHERE id = $2 AND project_id = $1 RETURNING id`,
      [projectId, farmerId, v.verified, v.verifiedOn, v.subsidyPaidOn !== undefined, v.subsidyPaidOn ?? null],
    );
    return rows.length > 0;
  }

  async listFarmers(m: EntityManager, projectId: number, limit: number, offset: number): Promise<{ rows: LandFarmerRow[]; total: number }> {
    const [rows, count]: [LandFarmerRow[], { n: number }[]] = await Promise.all([
      m.query(
        `SELECT id, name, id_number, village, verified, verified_on::text AS verified_on, subsidy_paid_on::text AS subsidy_paid_on FROM land_farmer WHERE project_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
        [projectId, limit, offset],
      ),
      m.query(`SELECT count(*)::int AS n FROM land_farmer WHERE project_id = $1`, [projectId]),
    ]);
    return { rows, total: count[0].n };
  }

  /**
   * Seed 004's counts for a unit and each of its active children, each over its subtree (the unit first, then
   * tree order). A project is verified when it lists farmers and all are; insured is a verified farmer paid the subsidy.
   */
  async countsByUnit(m: EntityManager, unitId: number): Promise<LandCountsRow[]> {
    return m.query(
      `WITH f AS (
         SELECT project_id, count(*) AS listed, count(*) FILTER (WHERE verified) AS verified,
                count(*) FILTER (WHERE verified AND subsidy_paid_on IS NOT NULL) AS insured
           FROM land_farmer GROUP BY project_id
       ), p AS (
         SELECT p.id, p.fund_due, p.fund_arrived, u.path, coalesce(f.listed, 0) AS listed, coalesce(f.verified, 0) AS verified, coalesce(f.insured, 0) AS insured
           FROM land_project p JOIN org_unit_v u ON u.id = p.org_unit_id LEFT JOIN f ON f.project_id = p.id
       )
       SELECT c.id AS unit_id, c.name AS unit_name, count(p.id)::int AS projects,
              (count(p.id) FILTER (WHERE p.listed > 0 AND p.verified >= p.listed))::int AS projects_verified,
              coalesce(sum(p.fund_due), 0)::text AS fund_due, coalesce(sum(p.fund_arrived), 0)::text AS fund_arrived,
              coalesce(sum(p.verified), 0)::int AS farmers_verified, coalesce(sum(p.insured), 0)::int AS farmers_insured
         FROM org_unit_v c LEFT JOIN p ON p.path LIKE c.path || '%'
        WHERE c.id = $1 OR (c.parent_id = $1 AND c.active)
        GROUP BY c.id, c.name, c.path
        ORDER BY c.id <> $1, c.path`,
      [unitId],
    );
  }
}
