import { orderBySql, Queryable, queryAffected, queryOne, queryRows, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import type { NoticeSort } from '../dto/notice.dto';
import { DigestItem, DigestText } from '../rules/digest';

/** A notice (a digest) with its items, oldest first. */
export interface NoticeRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link_entity: string | null;
  link_id: string | null;
  channel: string;
  state: string;
  created_at: Date;
  updated_at: Date;
  read_at: Date | null;
  item_count: number;
  items: { subject: string; body: string; linkEntity: string | null; linkId: string | null; createdAt: string }[];
}

/** A notice's columns with its items (oldest first), for SELECT and RETURNING on notice n. */
const NOTICE_COLUMNS = `n.id, n.kind, n.subject, n.body, n.link_entity, n.link_id, n.channel, n.state, n.created_at, n.updated_at, n.read_at, n.item_count,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('subject', i.subject, 'body', i.body, 'linkEntity', i.link_entity, 'linkId', i.link_id, 'createdAt', i.created_at)
                     ORDER BY i.id), '[]'::jsonb) FROM notice_item i WHERE i.notice_id = n.id) AS items`;

/** The inbox's sort keys and the columns they order by. */
const NOTICE_ORDER: Record<NoticeSort, string> = {
  updatedAt: 'n.updated_at',
  createdAt: 'n.created_at',
  kind: 'n.kind',
  subject: 'n.subject',
  itemCount: 'n.item_count',
  readAt: 'n.read_at',
};

/** Every statement on notice and notice_item (one aggregate: a digest and the items it lists). */
@Injectable()
export class NoticeRepository {
  /**
   * Ids of the items claimed from these job notices (JSON): one per dedupe key not known before, for a
   * recipient who exists, in dedupe-key order; the others are skipped.
   */
  async claimItems(m: Queryable, noticesJson: string, now: Date): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `INSERT INTO notice_item (recipient_user_id, kind, dedupe_key, subject, body, link_entity, link_id, created_at)
         SELECT DISTINCT ON (n."dedupeKey") n."recipientUserId", n.kind, n."dedupeKey", n.subject, n.body, n."linkEntity", n."linkId", $2::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS n("recipientUserId" int, kind text, subject text, body text, "linkEntity" text, "linkId" text, "dedupeKey" text)
           JOIN org_user_v u ON u.id = n."recipientUserId"
          ORDER BY n."dedupeKey"
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
      [noticesJson, now],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Ids of the digests (recipient, kind, day) these items were filed in, one per item: each digest upserted
   * (a read one becomes unread) in key order, locked to the commit, and the items linked to it.
   */
  async fileInDigests(m: Queryable, itemIds: string[], day: string, now: Date): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `WITH d AS (
           INSERT INTO notice (recipient_user_id, kind, digest_on, subject, body, item_count, channel, state, sent_at, delivered_at, created_at, updated_at)
           SELECT g.recipient_user_id, g.kind, $2::date, '', '', 0, 'inbox', 'delivered', $3, $3, $3, $3
             FROM (SELECT DISTINCT recipient_user_id, kind FROM notice_item WHERE id = ANY($1::bigint[])) g
            ORDER BY g.recipient_user_id, g.kind
           ON CONFLICT (recipient_user_id, kind, digest_on) WHERE digest_on IS NOT NULL
             DO UPDATE SET read_at = NULL, updated_at = EXCLUDED.updated_at
           RETURNING id, recipient_user_id, kind)
         UPDATE notice_item i SET notice_id = d.id FROM d
          WHERE i.id = ANY($1::bigint[]) AND i.recipient_user_id = d.recipient_user_id AND i.kind = d.kind
         RETURNING d.id`,
      [itemIds, day, now],
    );
    return rows.map((r) => r.id);
  }

  /** Per digest: its kind, item count n, and its first `lines` items (oldest first). */
  async digestContents(m: Queryable, ids: string[], lines: number): Promise<{ id: string; kind: string; n: number; first: DigestItem[] | null }[]> {
    return queryRows(
      m,
      `SELECT n.id, n.kind, x.n, x.first FROM notice n
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n,
                  (jsonb_agg(jsonb_build_object('subject', i.subject, 'body', i.body, 'linkEntity', i.link_entity, 'linkId', i.link_id) ORDER BY i.id)
                     FILTER (WHERE i.rank <= $2)) AS first
             FROM (SELECT *, row_number() OVER (ORDER BY id) AS rank FROM notice_item WHERE notice_id = n.id) i) x
        WHERE n.id = ANY($1::bigint[])`,
      [ids, lines],
    );
  }

  /** Nothing: writes each digest's item count, subject, body and link. */
  async writeSummaries(m: Queryable, texts: (DigestText & { id: string; n: number })[]): Promise<void> {
    await m.query(
      `UPDATE notice n SET item_count = t.n, subject = t.subject, body = t.body, link_entity = t."linkEntity", link_id = t."linkId"
         FROM jsonb_to_recordset($1::jsonb) AS t(id bigint, n int, subject text, body text, "linkEntity" text, "linkId" text)
        WHERE n.id = t.id`,
      [JSON.stringify(texts)],
    );
  }

  /** One page of a user's notices (unread only, one kind: optional), in the asked order (most recently updated first by default). */
  async inboxPage(
    db: Queryable,
    f: { userId: number; unreadOnly: boolean; kind: string | null },
    sort: SortParams<NoticeSort>,
    offset: number,
    limit: number,
  ): Promise<NoticeRow[]> {
    return queryRows<NoticeRow>(
      db,
      `SELECT ${NOTICE_COLUMNS} FROM notice n
        WHERE n.recipient_user_id = $1 AND ($2::boolean = false OR n.read_at IS NULL) AND ($5::text IS NULL OR n.kind = $5)
        ${orderBySql(sort, NOTICE_ORDER, 'n.updated_at DESC, n.id DESC')} OFFSET $3 LIMIT $4`,
      [f.userId, f.unreadOnly, offset, limit, f.kind],
    );
  }

  /** Per kind of the user's notices: how many the filter keeps (total) and how many are unread. */
  async countsByKind(db: Queryable, userId: number, unreadOnly: boolean, kind: string | null): Promise<{ kind: string; total: number; unread: number }[]> {
    return queryRows(
      db,
      `SELECT kind, count(*) FILTER (WHERE ($2::boolean = false OR read_at IS NULL) AND ($3::text IS NULL OR kind = $3))::int AS total,
              count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notice WHERE recipient_user_id = $1 GROUP BY kind ORDER BY kind`,
      [userId, unreadOnly, kind],
    );
  }

  /** The user's notice marked read (kept when read before), or undefined when it is not theirs. */
  async markRead(db: Queryable, id: number, userId: number, now: Date): Promise<NoticeRow | undefined> {
    return queryOne<NoticeRow>(db, `UPDATE notice n SET read_at = coalesce(read_at, $3) WHERE id = $1 AND recipient_user_id = $2 RETURNING ${NOTICE_COLUMNS}`, [
      id,
      userId,
      now,
    ]);
  }

  /** How many of the user's unread notices (of one kind, optional) were marked read. */
  async markAllRead(db: Queryable, userId: number, now: Date, kind: string | null): Promise<number> {
    return queryAffected(db, `UPDATE notice SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL AND ($3::text IS NULL OR kind = $3)`, [
      userId,
      now,
      kind,
    ]);
  }
}
