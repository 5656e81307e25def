import { orderBySql, queryOne, Queryable, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BulletinContent, BulletinView } from '../dto/bulletin.types';

type Db = Queryable | EntityManager;

export interface NewBulletin {
  campaignId: number;
  unitId: number;
  date: string;
  trigger: string;
  requestedBy: number | null;
  generatedAt: Date;
  content: BulletinContent;
}

const VIEW_COLS = `b.id, b.campaign_id AS "campaignId", b.unit_id AS "unitId", to_char(b.bulletin_date, 'YYYY-MM-DD') AS date, b.trigger, b.generated_at AS "generatedAt"`;
/** Bulletins of a campaign ($1) whose unit lies in the scope ($2) or above its subtree. */
const IN_SCOPE = `b.campaign_id = $1 AND (${scopeSql('o.path', 2)} OR $2 LIKE o.path || '%')`;

/** bulletin: one per campaign, unit and date. */
@Injectable()
export class BulletinRepository {
  /** Which of the dates already have a bulletin of the campaign and unit (YYYY-MM-DD). */
  async datesDone(db: Db, campaignId: number, unitId: number, dates: string[]): Promise<string[]> {
    const rows = await queryRows<{ date: string }>(
      db,
      `SELECT to_char(bulletin_date, 'YYYY-MM-DD') AS date FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND bulletin_date = ANY($3::date[])`,
      [campaignId, unitId, dates],
    );
    return rows.map((r) => r.date);
  }

  /** The id of the bulletin of the campaign, unit and date, or undefined. */
  async idOn(db: Db, campaignId: number, unitId: number, date: string): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(db, `SELECT id FROM bulletin WHERE campaign_id = $1 AND unit_id = $2 AND bulletin_date = $3`, [
      campaignId,
      unitId,
      date,
    ]);
    return row?.id;
  }

  /** Inserts unless (campaign, unit, date) has one: the new id, or undefined. */
  async insert(m: EntityManager, b: NewBulletin): Promise<number | undefined> {
    const row = await queryOne<{ id: number }>(
      m,
      `INSERT INTO bulletin (campaign_id, unit_id, bulletin_date, trigger, requested_by, generated_at, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (campaign_id, unit_id, bulletin_date) DO NOTHING RETURNING id`,
      [b.campaignId, b.unitId, b.date, b.trigger, b.requestedBy, b.generatedAt, JSON.stringify(b.content)],
    );
    return row?.id;
  }

  /** A page of the campaign's bulletins in scope (see IN_SCOPE), newest first unless sorted, without their content. */
  list(
    db: Db,
    campaignId: number,
    scope: Scope,
    sort: SortParams<'date' | 'generatedAt' | 'trigger'>,
    offset: number,
    limit: number,
  ): Promise<Omit<BulletinView, 'content'>[]> {
    const order = orderBySql(sort, { date: 'b.bulletin_date', generatedAt: 'b.generated_at', trigger: 'b.trigger' }, 'b.bulletin_date DESC, b.id DESC');
    return queryRows(
      db,
      `SELECT ${VIEW_COLS}
         FROM bulletin b JOIN org_unit_v o ON o.id = b.unit_id
        WHERE ${IN_SCOPE}
        ${order} OFFSET $3 LIMIT $4`,
      [campaignId, scopeParam(scope), offset, limit],
    );
  }

  /** How many of the campaign's bulletins are in scope (see IN_SCOPE). */
  async count(db: Db, campaignId: number, scope: Scope): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM bulletin b JOIN org_unit_v o ON o.id = b.unit_id WHERE ${IN_SCOPE}`, [
      campaignId,
      scopeParam(scope),
    ]);
    return n;
  }

  /** One bulletin with its content and its unit's path, or undefined. */
  get(db: Db, id: number): Promise<(BulletinView & { path: string }) | undefined> {
    return queryOne(
      db,
      `SELECT ${VIEW_COLS}, b.content, o.path
         FROM bulletin b JOIN org_unit_v o ON o.id = b.unit_id WHERE b.id = $1`,
      [id],
    );
  }
}
