import { orderBySql, queryOne, Queryable, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BulletinContent, BulletinView } from '../dto/bulletin.types';
import type { BulletinCadence } from '../rules/bulletin-schedule';

type Db = Queryable | EntityManager;

export interface NewBulletin {
  campaignId: number;
  unitId: number;
  cadence: BulletinCadence;
  periodEnd: string;
  date: string;
  trigger: string;
  requestedBy: number | null;
  generatedAt: Date;
  content: BulletinContent;
}

/** A bulletin as stored: content as written then (older ones lack title, issuer and sentences). */
export type StoredBulletin = Omit<BulletinView, 'content'> & { content: Partial<BulletinContent>; path: string };

export interface BulletinFilter {
  /** Only bulletins issued by this unit. */
  unitId?: number;
  cadence?: BulletinCadence;
}

const VIEW_COLS = `b.id, b.campaign_id AS "campaignId", b.unit_id AS "unitId", o.name AS "unitName", b.cadence, b.issue_no AS "issueNo",
  to_char(b.period_end, 'YYYY-MM-DD') AS "periodEnd", to_char(b.bulletin_date, 'YYYY-MM-DD') AS date, b.trigger, b.generated_at AS "generatedAt"`;
/** Bulletins of a campaign ($1) whose issuing unit lies in the scope ($2) or above its subtree (issued to it), filtered by unit ($3) and cadence ($4). */
const IN_SCOPE = `b.campaign_id = $1 AND (${scopeSql('o.path', 2)} OR $2 LIKE o.path || '%')
  AND ($3::int IS NULL OR b.unit_id = $3) AND ($4::text IS NULL OR b.cadence = $4)`;

/** bulletin: one per campaign, issuing unit, cadence and period; numbered per (campaign, unit, cadence). */
@Injectable()
export class BulletinRepository {
  /** Those of the units with an active office user (领导小组办公室: the body that issues bulletins), by id. */
  async unitsWithOffice(db: Db, unitIds: number[]): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      `SELECT DISTINCT org_unit_id AS id FROM org_user_v WHERE active AND org_unit_id = ANY($1::int[]) AND 'office' = ANY(roles) ORDER BY 1`,
      [unitIds],
    );
    return rows.map((r) => r.id);
  }

  /** The periods already issued in the campaign: `${unitId}:${cadence}:${periodEnd}`. */
  async periodsDone(db: Db, campaignId: number): Promise<Set<string>> {
    const rows = await queryRows<{ k: string }>(
      db,
      `SELECT unit_id || ':' || cadence || ':' || to_char(period_end, 'YYYY-MM-DD') AS k FROM bulletin WHERE campaign_id = $1`,
      [campaignId],
    );
    return new Set(rows.map((r) => r.k));
  }

  /** The id of the bulletin of the series and period, or undefined. */
  async idFor(db: Db, campaignId: number, unitId: number, cadence: BulletinCadence, periodEnd: string): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(db, `SELECT id FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND cadence = $3 AND period_end = $4`, [
      campaignId,
      unitId,
      cadence,
      periodEnd,
    ]);
    return row?.id;
  }

  /** Locks a series (campaign, issuing unit, cadence) until the transaction ends: its bulletins are issued one at a time. */
  async lockSeries(m: EntityManager, campaignId: number, unitId: number, cadence: BulletinCadence): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('bulletin-series'), hashtext($1::text))`, [`${campaignId}:${unitId}:${cadence}`]);
  }

  /**
   * Inserts unless the series has a bulletin for the period: the new id and its number (the series' next), or
   * undefined. The series is locked first (again, for a caller that did not), so two bulletins of one series issued
   * at once get consecutive numbers.
   */
  async insert(m: EntityManager, b: NewBulletin): Promise<{ id: number; issueNo: number } | undefined> {
    await this.lockSeries(m, b.campaignId, b.unitId, b.cadence);
    const row = await queryOne<{ id: number; issueNo: number }>(
      m,
      `INSERT INTO bulletin (campaign_id, unit_id, cadence, period_end, issue_no, bulletin_date, trigger, requested_by, generated_at, content)
       SELECT $1, $2, $3, $4, coalesce(max(issue_no), 0) + 1, $5, $6, $7, $8, $9
         FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND cadence = $3
       ON CONFLICT (campaign_id, unit_id, cadence, period_end) DO NOTHING RETURNING id, issue_no AS "issueNo"`,
      [b.campaignId, b.unitId, b.cadence, b.periodEnd, b.date, b.trigger, b.requestedBy, b.generatedAt, JSON.stringify(b.content)],
    );
    return row;
  }

  /** A page of the campaign's bulletins in scope (see IN_SCOPE), newest first unless sorted, without their content. */
  list(
    db: Db,
    campaignId: number,
    scope: Scope,
    filter: BulletinFilter,
    sort: SortParams<'date' | 'generatedAt' | 'trigger' | 'issueNo' | 'cadence'>,
    offset: number,
    limit: number,
  ): Promise<Omit<BulletinView, 'content'>[]> {
    const order = orderBySql(
      sort,
      { date: 'b.bulletin_date', generatedAt: 'b.generated_at', trigger: 'b.trigger', issueNo: 'b.issue_no', cadence: 'b.cadence' },
      'b.bulletin_date DESC, b.id DESC',
    );
    return queryRows(
      db,
      `SELECT ${VIEW_COLS}
         FROM bulletin b JOIN org_unit_v o ON o.id = b.unit_id
        WHERE ${IN_SCOPE}
        ${order} OFFSET $5 LIMIT $6`,
      [campaignId, scopeParam(scope), filter.unitId ?? null, filter.cadence ?? null, offset, limit],
    );
  }

  /** How many of the campaign's bulletins are in scope (see IN_SCOPE). */
  async count(db: Db, campaignId: number, scope: Scope, filter: BulletinFilter): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM bulletin b JOIN org_unit_v o ON o.id = b.unit_id WHERE ${IN_SCOPE}`, [
      campaignId,
      scopeParam(scope),
      filter.unitId ?? null,
      filter.cadence ?? null,
    ]);
    return n;
  }

  /** One bulletin with its content and its issuing unit's path, or undefined. */
  get(db: Db, id: number): Promise<StoredBulletin | undefined> {
    return queryOne(
      db,
      `SELECT ${VIEW_COLS}, b.content, o.path
         FROM bulletin b JOIN org_unit_v o ON o.id = b.unit_id WHERE b.id = $1`,
      [id],
    );
  }
}
