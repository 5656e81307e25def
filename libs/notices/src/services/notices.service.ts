import { OrgReader } from '#org';
import { AuthUser, businessDate, Clock, DomainError, OutboxService, Page, pageOf, Role } from '#core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NoticeListQuery } from '../dto/notice.dto';
import { NoticeInput, NoticeView } from '../notices.types';
import { NoticeRepository, NoticeRow } from '../repositories/notice.repository';
import { DIGEST_BODY_LINES, digestText } from '../rules/digest';
import { NoticeDispatchService } from './notice-dispatch.service';

/** Notices per outbox job: keeps a job's payload and its insert statement small. */
export const NOTICE_CHUNK = 500;

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
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly repo: NoticeRepository,
    private readonly users: OrgReader,
    private readonly dispatches: NoticeDispatchService,
  ) {}

  /** Queues notices in the caller's transaction (m). Nothing is queued if that transaction rolls back. */
  async notify(m: EntityManager, notices: NoticeInput[], opts: { notBefore?: Date } = {}): Promise<void> {
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
      // notBefore (issue 20: a submission notice held for the next working day) delays the job, so the notice is filed that day
      await this.outbox.enqueue(m, 'notices.create', { notices: chunk }, opts.notBefore ? { runAt: opts.notBefore } : {});
    }
  }

  /** Ids of active users at these units holding any of these roles. */
  async recipients(m: EntityManager, unitIds: number[], roles: Role[]): Promise<number[]> {
    if (!unitIds.length || !roles.length) return [];
    return (await this.users.activeWithRoles(m, unitIds, roles)).map((u) => u.id);
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
      const itemIds = await this.repo.claimItems(m, JSON.stringify(notices), now);
      if (!itemIds.length) return 0;
      const digests = await this.repo.fileInDigests(m, itemIds, businessDate(now), now);
      await this.summarise(m, [...new Set(digests)]);
      // the same items to the units' group robots and, for escalations, by SMS to those who chose it
      await this.dispatches.plan(m, itemIds, businessDate(now), now);
      return itemIds.length;
    });
  }

  /** Recomputes the digests' item count, subject, body and link from their items (see digestText). */
  private async summarise(m: EntityManager, ids: string[]): Promise<void> {
    const rows = await this.repo.digestContents(m, ids, DIGEST_BODY_LINES);
    const texts = rows.map((r) => ({ id: r.id, n: r.n, ...digestText(r.kind, r.n, r.first ?? []) }));
    await this.repo.writeSummaries(m, texts);
  }

  /**
   * My notices, the most recently updated first unless asked otherwise (a digest that got a new item comes back to the top), each with
   * its items. unread counts all my unread notices, unreadByKind the same per kind; unread=true and kind filter the page.
   */
  async inbox(user: AuthUser, q: NoticeListQuery): Promise<Page<NoticeView> & { unread: number; unreadByKind: Record<string, number> }> {
    const unreadOnly = q.unread === true;
    const kind = q.kind ?? null;
    const db = this.dataSource.manager;
    const rows = await this.repo.inboxPage(db, { userId: user.id, unreadOnly, kind }, q, q.offset, q.pageSize);
    const counts = await this.repo.countsByKind(db, user.id, unreadOnly, kind);
    const unreadByKind = Object.fromEntries(counts.filter((c) => c.unread > 0).map((c) => [c.kind, c.unread]));
    const total = counts.reduce((s, c) => s + c.total, 0);
    const unread = counts.reduce((s, c) => s + c.unread, 0);
    return { ...pageOf(rows.map(view), total, q), unread, unreadByKind };
  }

  /** Marks one of the caller's notices read; someone else's notice is answered as unknown (404). */
  async markRead(user: AuthUser, id: number): Promise<NoticeView> {
    const row = await this.repo.markRead(this.dataSource.manager, id, user.id, this.clock.now());
    if (!row) throw DomainError.notFound('notice', id);
    return view(row);
  }

  /** Marks all my unread notices read, or those of one kind. */
  async markAllRead(user: AuthUser, kind?: string): Promise<{ updated: number }> {
    return { updated: await this.repo.markAllRead(this.dataSource.manager, user.id, this.clock.now(), kind ?? null) };
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
