import { AuthUser, Clock, DomainError, JobHandlers, OutboxService, Page, pageOf, Role } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
  read_at: Date | null;
}

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
    readAt: r.read_at,
  };
}

/**
 * Notices to platform users. A domain calls notify() inside its own transaction: the notices travel
 * as an outbox job, so they exist exactly when the caller's change committed. The worker inserts them
 * with ON CONFLICT (dedupe_key) DO NOTHING: the same reason never makes two notices, however often the
 * caller or the queue repeats itself.
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

  /** The worker's half: inserts the notices, once per dedupe key; unknown recipients are skipped. Returns how many were new. */
  async create(notices: JobNotice[]): Promise<number> {
    if (!notices.length) return 0;
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notice (recipient_user_id, kind, subject, body, link_entity, link_id, dedupe_key, channel, state, sent_at, delivered_at, created_at)
       SELECT DISTINCT ON (n."dedupeKey") n."recipientUserId", n.kind, n.subject, n.body, n."linkEntity", n."linkId", n."dedupeKey",
              'inbox', 'delivered', $2::timestamptz, $2::timestamptz, $2::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS n("recipientUserId" int, kind text, subject text, body text, "linkEntity" text, "linkId" text, "dedupeKey" text)
         JOIN app_user u ON u.id = n."recipientUserId"
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [JSON.stringify(notices), this.clock.now()],
    );
    return rows.length;
  }

  async inbox(user: AuthUser, q: NoticeListQuery): Promise<Page<NoticeView> & { unread: number }> {
    const unreadOnly = q.unread === true;
    const rows: NoticeRow[] = await this.dataSource.query(
      `SELECT id, kind, subject, body, link_entity, link_id, channel, state, created_at, read_at FROM notice
        WHERE recipient_user_id = $1 AND ($2::boolean = false OR read_at IS NULL)
        ORDER BY id DESC OFFSET $3 LIMIT $4`,
      [user.id, unreadOnly, q.offset, q.pageSize],
    );
    const [{ total, unread }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE $2::boolean = false OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notice WHERE recipient_user_id = $1`,
      [user.id, unreadOnly],
    );
    return { ...pageOf(rows.map(view), total, q), unread };
  }

  /** Marks one of the caller's notices read; someone else's notice is answered as unknown (404). */
  async markRead(user: AuthUser, id: number): Promise<NoticeView> {
    const res: unknown = await this.dataSource.query(
      `UPDATE notice SET read_at = coalesce(read_at, $3) WHERE id = $1 AND recipient_user_id = $2
       RETURNING id, kind, subject, body, link_entity, link_id, channel, state, created_at, read_at`,
      [id, user.id, this.clock.now()],
    );
    const row = updatedRows<NoticeRow>(res)[0];
    if (!row) throw DomainError.notFound('notice', id);
    return view(row);
  }

  async markAllRead(user: AuthUser): Promise<{ updated: number }> {
    const res: unknown = await this.dataSource.query(`UPDATE notice SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL`, [
      user.id,
      this.clock.now(),
    ]);
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
export function updatedRows<T>(res: unknown): T[] {
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number') return res[0] as T[];
  return res as T[];
}
