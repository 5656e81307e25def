import { AuthUser, businessDate, Clock, DomainError, JobHandlers, OutboxService, Page, pageOf, Role, rowsOf } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DIGEST_BODY_LINES, DigestItem, digestText } from './digest';
import { NoticeListQuery } from './dto/notice.dto';
import { NoticeInput, NoticeView } from './notices.types';

/** Notices per outbox job: keeps a job's payload and its insert statement small. */
export const NOTICE_CHUNK = 500;

interface NoticeRow {
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

function view(r: NoticeRow): NoticeView {
  return {
    id: Number(r.id),
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    link: r.link_entity ? { entity: r.link_entity, id: r.link_id ?? '' } : null,
    channel: r.channel,
    state: r.state,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    readAt: r.read_at,
    itemCount: r.item_count,
    items: r.items.map((i) => ({
      subject: i.subject,
      body: i.body,
      link: i.linkEntity ? { entity: i.linkEntity, id: i.linkId ?? '' } : null,
      createdAt: new Date(i.createdAt),
    })),
  };
}

/**
 * Notices to platform users. A domain calls notify() inside its own transaction: the notices travel
 * as an outbox job, so they exist exactly when the caller's change committed. The worker files each one
 * as an item of the recipient's digest of that kind for the business day (see create()): the same reason
 * (dedupe key) is listed once, however often the caller or the queue repeats itself, and a burst of
 * events (a campaign entered with past dates, a reconciler catching up, the demo) makes one notice per
 * person and kind, not one per event.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notices.create', ({ notices }) => this.create(notices));
  }

  /** Queues notices in the caller's transaction (m). Nothing is queued if that transaction rolls back. */
  async notify(m: EntityManager, notices: NoticeInput[]): Promise<void> {
    if (!notices.length) return;
    for (const n of notices) {
      if (!Number.isInteger(n.recipientUserId)) throw new Error(`notice ${n.dedupeKey}: recipientUserId must be an integer`);
      if (!n.dedupeKey) throw new Error(`notice of kind ${n.kind} has no dedupeKey`);
    }
    // One enqueue per chunk: OutboxService.enqueueMany with several rows writes a VALUES list without
    // column names (TypeORM, table without metadata), which PostgreSQL rejects.
    for (let i = 0; i < notices.length; i += NOTICE_CHUNK) {
      const chunk = notices.slice(i, i + NOTICE_CHUNK).map((n) => ({
        recipientUserId: n.recipientUserId,
        kind: n.kind,
        subject: n.subject,
        body: n.body,
        linkEntity: n.link?.entity ?? null,
        linkId: n.link ? String(n.link.id) : null,
        dedupeKey: n.dedupeKey,
      }));
      await this.outbox.enqueue(m, 'notices.create', { notices: chunk });
    }
  }

  /** Ids of active users at these units holding any of these roles. */
  async recipients(m: EntityManager, unitIds: number[], roles: Role[]): Promise<number[]> {
    if (!unitIds.length || !roles.length) return [];
    const rows: { id: number }[] = await m.query(`SELECT id FROM app_user WHERE active AND org_unit_id = ANY($1::int[]) AND roles && $2::text[] ORDER BY id`, [
      unitIds,
      roles,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * The worker's half: each notice is an item of its recipient's digest of that kind for today (business date).
   * One transaction, concurrency-safe and idempotent:
   * 1. the items are claimed by dedupe key (INSERT ... ON CONFLICT DO NOTHING): a reason already known, today or
   *    any day before, is skipped, so a re-delivered job changes nothing;
   * 2. the digests that got new items are upserted on (recipient, kind, day) (ON CONFLICT DO UPDATE, which
   *    also makes a digest read earlier unread again) and the items linked to them;
   * 3. each such digest's count, subject and body are recomputed from its items; the row lock taken in 2 holds
   *    until commit, so two jobs adding to one digest take turns and the later one counts both.
   * Items and digests are written in key order, so two jobs never wait on each other in a cycle.
   * Unknown recipients are skipped. Returns how many items were new.
   */
  async create(notices: JobNotice[]): Promise<number> {
    if (!notices.length) return 0;
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const fresh: { id: string }[] = await m.query(
        `INSERT INTO notice_item (recipient_user_id, kind, dedupe_key, subject, body, link_entity, link_id, created_at)
         SELECT DISTINCT ON (n."dedupeKey") n."recipientUserId", n.kind, n."dedupeKey", n.subject, n.body, n."linkEntity", n."linkId", $2::timestamptz
           FROM jsonb_to_recordset($1::jsonb) AS n("recipientUserId" int, kind text, subject text, body text, "linkEntity" text, "linkId" text, "dedupeKey" text)
           JOIN app_user u ON u.id = n."recipientUserId"
          ORDER BY n."dedupeKey"
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        [JSON.stringify(notices), now],
      );
      if (!fresh.length) return 0;
      const itemIds = fresh.map((r) => r.id);
      const digests: { id: string }[] = await m.query(
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
        [itemIds, businessDate(now), now],
      );
      await this.summarise(m, [...new Set(rowsOf<{ id: string }>(digests).map((d) => d.id))]);
      return fresh.length;
    });
  }

  /** Recomputes the digests' item count, subject, body and link from their items (see digestText). */
  private async summarise(m: EntityManager, ids: string[]): Promise<void> {
    const rows: { id: string; kind: string; n: number; first: DigestItem[] }[] = await m.query(
      `SELECT n.id, n.kind, x.n, x.first FROM notice n
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n,
                  (jsonb_agg(jsonb_build_object('subject', i.subject, 'body', i.body, 'linkEntity', i.link_entity, 'linkId', i.link_id) ORDER BY i.id)
                     FILTER (WHERE i.rank <= $2)) AS first
             FROM (SELECT *, row_number() OVER (ORDER BY id) AS rank FROM notice_item WHERE notice_id = n.id) i) x
        WHERE n.id = ANY($1::bigint[])`,
      [ids, DIGEST_BODY_LINES],
    );
    const texts = rows.map((r) => ({ id: r.id, n: r.n, ...digestText(r.kind, r.n, r.first ?? []) }));
    await m.query(
      `UPDATE notice n SET item_count = t.n, subject = t.subject, body = t.body, link_entity = t."linkEntity", link_id = t."linkId"
         FROM jsonb_to_recordset($1::jsonb) AS t(id bigint, n int, subject text, body text, "linkEntity" text, "linkId" text)
        WHERE n.id = t.id`,
      [JSON.stringify(texts)],
    );
  }

  /**
   * My notices, the most recently updated first (a digest that got a new item comes back to the top), each with
   * its items. unread counts all my unread notices, unreadByKind the same per kind; unread=true and kind filter the page.
   */
  async inbox(user: AuthUser, q: NoticeListQuery): Promise<Page<NoticeView> & { unread: number; unreadByKind: Record<string, number> }> {
    const unreadOnly = q.unread === true;
    const kind = q.kind ?? null;
    const rows: NoticeRow[] = await this.dataSource.query(
      `SELECT ${NOTICE_COLUMNS} FROM notice n
        WHERE n.recipient_user_id = $1 AND ($2::boolean = false OR n.read_at IS NULL) AND ($5::text IS NULL OR n.kind = $5)
        ORDER BY n.updated_at DESC, n.id DESC OFFSET $3 LIMIT $4`,
      [user.id, unreadOnly, q.offset, q.pageSize, kind],
    );
    const counts: { kind: string; total: number; unread: number }[] = await this.dataSource.query(
      `SELECT kind, count(*) FILTER (WHERE ($2::boolean = false OR read_at IS NULL) AND ($3::text IS NULL OR kind = $3))::int AS total,
              count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notice WHERE recipient_user_id = $1 GROUP BY kind ORDER BY kind`,
      [user.id, unreadOnly, kind],
    );
    const unreadByKind = Object.fromEntries(counts.filter((c) => c.unread > 0).map((c) => [c.kind, c.unread]));
    const total = counts.reduce((s, c) => s + c.total, 0);
    const unread = counts.reduce((s, c) => s + c.unread, 0);
    return { ...pageOf(rows.map(view), total, q), unread, unreadByKind };
  }

  /** Marks one of the caller's notices read; someone else's notice is answered as unknown (404). */
  async markRead(user: AuthUser, id: number): Promise<NoticeView> {
    const res: unknown = await this.dataSource.query(
      `UPDATE notice n SET read_at = coalesce(read_at, $3) WHERE id = $1 AND recipient_user_id = $2 RETURNING ${NOTICE_COLUMNS}`,
      [id, user.id, this.clock.now()],
    );
    const row = rowsOf<NoticeRow>(res)[0];
    if (!row) throw DomainError.notFound('notice', id);
    return view(row);
  }

  /** Marks all my unread notices read, or those of one kind. */
  async markAllRead(user: AuthUser, kind?: string): Promise<{ updated: number }> {
    const res: unknown = await this.dataSource.query(
      `UPDATE notice SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL AND ($3::text IS NULL OR kind = $3)`,
      [user.id, this.clock.now(), kind ?? null],
    );
    return { updated: Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0 };
  }
}

/** A notice as carried in the 'notices.create' job. */
export interface JobNotice {
  recipientUserId: number;
  kind: string;
  subject: string;
  body: string;
  linkEntity: string | null;
  linkId: string | null;
  dedupeKey: string;
}

/** TypeORM answers an UPDATE ... RETURNING on PostgreSQL as [rows, affected]. */
