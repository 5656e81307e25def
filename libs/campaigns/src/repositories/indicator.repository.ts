import { Queryable, queryAffected, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';
import { Indicator, IndicatorKind, IndicatorSource } from '../campaigns.types';

export type NewIndicator = Omit<Indicator, 'id' | 'campaignId' | 'topTarget' | 'source'> & { topTarget: string | number | null; source?: IndicatorSource };

/** indicator: what a campaign counts. */
@Injectable()
export class IndicatorRepository {
  /** The new indicator's id. */
  async insert(db: Queryable, campaignId: number, i: NewIndicator): Promise<number> {
    const row = await queryOne<{ id: number }>(
      db,
      `INSERT INTO indicator (campaign_id, code, name, unit, kind, insurance_type, numerator_label, denominator_label, top_target, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [campaignId, i.code, i.name, i.unit, i.kind, i.insuranceType, i.numeratorLabel, i.denominatorLabel, i.topTarget, i.source ?? 'reports'],
    );
    return row!.id;
  }

  /** The campaign's indicators in the API's shape, by id. */
  ofCampaign(db: Queryable, campaignId: number): Promise<Indicator[]> {
    return queryRows(
      db,
      `SELECT id, campaign_id AS "campaignId", code, name, unit, kind, insurance_type AS "insuranceType", source, numerator_label AS "numeratorLabel",
              denominator_label AS "denominatorLabel", top_target AS "topTarget"
         FROM indicator WHERE campaign_id = $1 ORDER BY id`,
      [campaignId],
    );
  }

  /** Sets the campaign unit's own target; answers the rows changed. */
  setTopTarget(db: Queryable, id: number, topTarget: string): Promise<number> {
    return queryAffected(db, `UPDATE indicator SET top_target = $2 WHERE id = $1`, [id, topTarget]);
  }

  /** Which of the ids are count indicators of the campaign. */
  async countIndicatorIds(db: Queryable, campaignId: number, ids: number[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(db, `SELECT id FROM indicator WHERE campaign_id = $1 AND kind = 'count' AND id = ANY($2::int[])`, [
      campaignId,
      ids,
    ]);
    return rows.map((r) => r.id);
  }

  /** The campaign's indicators for other libraries, by id: id, code, name, kind, unit. */
  records(
    db: Queryable,
    campaignId: number,
  ): Promise<{ id: number; code: string; name: string; kind: IndicatorKind; unit: string; source: IndicatorSource }[]> {
    return queryRows(db, `SELECT id, code, name, kind, unit, source FROM indicator WHERE campaign_id = $1 ORDER BY id`, [campaignId]);
  }

  /** Rewrites an indicator of a draft in place (its id, which settings may name, stays); answers the rows changed. */
  update(db: Queryable, id: number, i: NewIndicator): Promise<number> {
    return queryAffected(
      db,
      `UPDATE indicator SET code = $2, name = $3, unit = $4, kind = $5, insurance_type = $6, numerator_label = $7, denominator_label = $8, top_target = $9,
              source = $10
        WHERE id = $1`,
      [id, i.code, i.name, i.unit, i.kind, i.insuranceType, i.numeratorLabel, i.denominatorLabel, i.topTarget, i.source ?? 'reports'],
    );
  }

  /** Removes indicators of a draft (none has tasks before activation); answers the rows removed. */
  remove(db: Queryable, campaignId: number, ids: number[]): Promise<number> {
    return queryAffected(db, `DELETE FROM indicator WHERE campaign_id = $1 AND id = ANY($2::int[])`, [campaignId, ids]);
  }
}
