import { orderBySql, Queryable, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CreditView } from '../services/credits.service';

type Db = Queryable | EntityManager;

export interface NewCredits {
  campaignId: number;
  /** The campaign's own unit: the credited unit must lie in its subtree. */
  campaignUnitId: number;
  /** Count indicators of the campaign, one credit each. */
  indicatorIds: number[];
  orgUnitId: number;
  amount: number;
  on: string;
  source: string;
  sourceRef: string;
  recordedAt: Date;
}

/** progress_credit: enrolments credited to a unit's progress from outside its reports. */
@Injectable()
export class ProgressCreditRepository {
  /**
   * One credit per indicator for a unit of the campaign's subtree (none for a unit outside it), ON CONFLICT
   * (source, source_ref, indicator_id) DO NOTHING: id, indicator_id and counted path of the credits written now.
   */
  insertMany(m: EntityManager, c: NewCredits): Promise<{ id: string; indicator_id: number; path: string }[]> {
    return queryRows(
      m,
      `INSERT INTO progress_credit (campaign_id, indicator_id, org_unit_id, amount, credited_on, source, source_ref, counted_path, recorded_at)
       SELECT $1, i.id, o.id, $4, $5, $6, $7, o.path, $8
         FROM unnest($2::int[]) AS i(id), org_unit_v o, org_unit_v cu
        WHERE cu.id = $9 AND o.id = $3 AND o.path LIKE cu.path || '%'
        ORDER BY i.id
       ON CONFLICT (source, source_ref, indicator_id) DO NOTHING
       RETURNING id, indicator_id, counted_path AS path`,
      [c.campaignId, c.indicatorIds, c.orgUnitId, c.amount, c.on, c.source, c.sourceRef, c.recordedAt, c.campaignUnitId],
    );
  }

  /** A page of the campaign's credits counted in the scope, newest first unless sorted, with the unit's name. */
  list(
    db: Db,
    campaignId: number,
    scope: Scope,
    sort: SortParams<'on' | 'amount' | 'unitName' | 'recordedAt'>,
    offset: number,
    limit: number,
  ): Promise<CreditView[]> {
    const order = orderBySql(
      sort,
      { on: 'c.credited_on', amount: 'c.amount', unitName: 'o.name', recordedAt: 'c.recorded_at' },
      'c.credited_on DESC, c.id DESC',
    );
    return queryRows(
      db,
      `SELECT c.id::int AS id, c.campaign_id AS "campaignId", c.indicator_id AS "indicatorId", c.org_unit_id AS "orgUnitId", o.name AS "unitName",
              c.amount::text AS amount, to_char(c.credited_on, 'YYYY-MM-DD') AS "on", c.source, c.source_ref AS "sourceRef", c.recorded_at AS "recordedAt"
         FROM progress_credit c JOIN org_unit_v o ON o.id = c.org_unit_id
        WHERE c.campaign_id = $1 AND ${scopeSql('c.counted_path', 2)} ${order} OFFSET $3 LIMIT $4`,
      [campaignId, scopeParam(scope), offset, limit],
    );
  }

  /** How many of the campaign's credits are counted in the scope. */
  async count(db: Db, campaignId: number, scope: Scope): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM progress_credit c WHERE c.campaign_id = $1 AND ${scopeSql('c.counted_path', 2)}`,
      [campaignId, scopeParam(scope)],
    );
    return n;
  }
}
