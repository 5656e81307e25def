import { settingSql } from '#campaigns';
import { queryOne, Queryable, queryRows, Scope, scopeParam, scopeSql } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ageSql } from '../rules/recommendation';
import { HardshipCounts } from './hardship-rates';
import { HardshipState, PENSION_AGE } from './hardship.types';

/** The campaign's reference date for ages (seed 001), as the registry's people lists take it: registry.referenceDate, else the start. */
const REF_DATE = (campaign: string) =>
  `(SELECT coalesce(${settingSql('c', 'registry', 'referenceDate')}::date, c.starts_on) FROM campaigns_campaign_v c WHERE c.id = ${campaign})`;

/** The SQL of each state of the list filter (a payment needs a registration, so 'paid' rows are registered). */
const STATE_SQL: Record<HardshipState, string> = {
  unregistered: 'h.registered_on IS NULL',
  unpaid: 'h.registered_on IS NOT NULL AND h.paid_on IS NULL',
  paid: 'h.paid_on IS NOT NULL',
  receiving: 'h.benefit_on IS NOT NULL',
};

export interface HardshipWrite {
  campaignId: number;
  unitId: number;
  unitPath: string;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  category: string;
  registeredOn: string | null;
  paidOn: string | null;
  paidAmount: string | null;
  benefitOn: string | null;
  recordedBy: number;
}

export interface HardshipRow {
  id: string;
  campaign_id: number;
  org_unit_id: number;
  unit_name: string;
  id_number: string;
  name: string;
  sex: string;
  age: number;
  category: string;
  registered_on: string | null;
  paid_on: string | null;
  paid_amount: string | null;
  benefit_on: string | null;
}

export interface HardshipRateRow extends HardshipCounts {
  unit_id: number;
  unit_name: string;
}

@Injectable()
export class HardshipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The campaign's reference date (YYYY-MM-DD), or undefined for no such campaign. */
  async referenceDate(campaignId: number, db: Queryable | EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const row = await queryOne<{ d: string | null }>(db, `SELECT to_char(${REF_DATE('$1')}, 'YYYY-MM-DD') AS d`, [campaignId]);
    return row?.d ?? undefined;
  }

  /** A unit's path and level, or undefined. */
  unit(m: EntityManager, id: number): Promise<{ path: string; level: string } | undefined> {
    return queryOne(m, `SELECT path, level FROM org_unit_v WHERE id = $1`, [id]);
  }

  /**
   * Records a person (a second record of the same ID number in the campaign replaces the first), unless the
   * person already on file lies outside `scope`: then nothing is written and the answer is undefined; else the row's id.
   */
  async upsert(m: EntityManager, w: HardshipWrite, scope: Scope): Promise<string | undefined> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO registry_hardship_person AS h (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, category,
                                                   registered_on, paid_on, paid_amount, benefit_on, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (campaign_id, id_number) DO UPDATE SET
         org_unit_id = EXCLUDED.org_unit_id, org_unit_path = EXCLUDED.org_unit_path, name = EXCLUDED.name, category = EXCLUDED.category,
         registered_on = EXCLUDED.registered_on, paid_on = EXCLUDED.paid_on, paid_amount = EXCLUDED.paid_amount,
         benefit_on = EXCLUDED.benefit_on, recorded_by = EXCLUDED.recorded_by, updated_at = now()
       WHERE ${scopeSql('h.org_unit_path', 14)}
       RETURNING id::text`,
      [
        w.campaignId,
        w.unitId,
        w.unitPath,
        w.idNumber,
        w.name,
        w.sex,
        w.birthDate,
        w.category,
        w.registeredOn,
        w.paidOn,
        w.paidAmount,
        w.benefitOn,
        w.recordedBy,
        scopeParam(scope),
      ],
    );
    return rows[0]?.id;
  }

  /** A page of the people in scope, by unit path then ID number; age on the campaign's reference date. */
  async list(
    f: { campaignId: number; scope: Scope; category?: string; state?: HardshipState },
    page: { page: number; pageSize: number },
  ): Promise<{ rows: HardshipRow[]; total: number }> {
    const params: unknown[] = [f.campaignId, scopeParam(f.scope)];
    const where = ['h.campaign_id = $1', scopeSql('h.org_unit_path', 2)];
    if (f.category) {
      params.push(f.category);
      where.push(`h.category = $${params.length}`);
    }
    if (f.state) where.push(STATE_SQL[f.state]);
    const sql = where.join(' AND ');
    const total = (await queryOne<{ n: number }>(this.dataSource.manager, `SELECT count(*)::int AS n FROM registry_hardship_person h WHERE ${sql}`, params))!.n;
    const rows = await queryRows<HardshipRow>(
      this.dataSource.manager,
      `SELECT h.id::text, h.campaign_id, h.org_unit_id, o.name AS unit_name, h.id_number, h.name, h.sex, ${ageSql('h', REF_DATE('h.campaign_id'))} AS age,
              h.category, to_char(h.registered_on, 'YYYY-MM-DD') AS registered_on, to_char(h.paid_on, 'YYYY-MM-DD') AS paid_on,
              h.paid_amount::text AS paid_amount, to_char(h.benefit_on, 'YYYY-MM-DD') AS benefit_on
       FROM registry_hardship_person h JOIN org_unit_v o ON o.id = h.org_unit_id
       WHERE ${sql}
       ORDER BY h.org_unit_path, h.id_number
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.pageSize, (page.page - 1) * page.pageSize],
    );
    return { rows, total };
  }

  /**
   * The counts of the unit and of each of its children, each over its own subtree, in one statement: a child's
   * people are those whose unit path starts with the child's. Eligible: aged PENSION_AGE or more on the reference date.
   */
  rates(campaignId: number, unitId: number): Promise<HardshipRateRow[]> {
    return queryRows<HardshipRateRow>(
      this.dataSource.manager,
      `WITH u AS (SELECT id, name, path FROM org_unit_v WHERE id = $2 OR parent_id = $2),
            ref AS (SELECT ${REF_DATE('$1')} AS d)
       SELECT u.id AS unit_id, u.name AS unit_name,
              count(h.id)::int AS listed, count(h.registered_on)::int AS registered, count(h.paid_on)::int AS paid,
              (count(h.id) FILTER (WHERE ${ageSql('h', 'ref.d')} >= ${PENSION_AGE}))::int AS eligible,
              count(h.benefit_on)::int AS receiving
       FROM u CROSS JOIN ref
       LEFT JOIN registry_hardship_person h ON h.campaign_id = $1 AND h.org_unit_path LIKE u.path || '%'
       GROUP BY u.id, u.name, u.path
       ORDER BY u.id <> $2, u.path`,
      [campaignId, unitId],
    );
  }
}
