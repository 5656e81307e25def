import { Queryable, queryOne, queryRows } from '#core';
import { Injectable } from '@nestjs/common';

/** A dispatch claimed for sending, with the item's text and where it goes. */
export interface ClaimedDispatch {
  id: string;
  channel: 'dingtalk' | 'wecom' | 'sms';
  attempts: number;
  subject: string;
  body: string;
  provider: 'dingtalk' | 'wecom' | null;
  url: string | null;
  secret: string | null;
  phone: string | null;
}

/** An escalation item escalated once more, with where its recipient sits. */
export interface ReescalatedItem {
  item_id: string;
  subject: string;
  body: string;
  link_entity: string | null;
  link_id: string | null;
  recipient_user_id: number;
  recipient_name: string;
  unit_id: number;
  parent_id: number | null;
  created_at: Date;
}

/** Every statement on notice_dispatch and notice_reescalation. */
@Injectable()
export class NoticeDispatchRepository {
  /**
   * The relays of these new items, made once: to the group robot of each recipient's unit that relays the kind (one per
   * robot and reason, however many of the unit's people got the item), and by SMS to recipients who chose SMS for these
   * kinds. The reason is the item's text, link and day. Answers the new dispatch ids.
   */
  async plan(m: Queryable, itemIds: string[], day: string, now: Date, smsKinds: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `WITH items AS (
           SELECT i.id, i.kind, i.recipient_user_id, u.org_unit_id,
                  md5(concat_ws('|', i.kind, i.subject, i.body, i.link_entity, i.link_id, $2::text)) AS reason
             FROM notice_item i JOIN org_user_v u ON u.id = i.recipient_user_id WHERE i.id = ANY($1::bigint[])
         ), robots AS (
           INSERT INTO notice_dispatch (item_id, channel, destination, reason, created_at)
           SELECT DISTINCT ON (r.org_unit_id, it.reason) it.id, r.provider, r.org_unit_id::text, it.reason, $3
             FROM items it JOIN notice_robot r ON r.org_unit_id = it.org_unit_id AND r.enabled AND it.kind = ANY(r.kinds)
            ORDER BY r.org_unit_id, it.reason, it.id
           ON CONFLICT (channel, destination, reason) DO NOTHING RETURNING id
         ), sms AS (
           INSERT INTO notice_dispatch (item_id, channel, destination, reason, created_at)
           SELECT it.id, 'sms', it.recipient_user_id::text, it.reason, $3
             FROM items it JOIN notice_preference p ON p.user_id = it.recipient_user_id AND p.escalation_channel = 'sms'
            WHERE it.kind = ANY($4::text[])
            ORDER BY it.id
           ON CONFLICT (channel, destination, reason) DO NOTHING RETURNING id
         )
       SELECT id FROM robots UNION ALL SELECT id FROM sms ORDER BY id`,
      [itemIds, day, now, smsKinds],
    );
    return rows.map((r) => r.id);
  }

  /** The dispatch, still queued, locked (SKIP LOCKED: another job sending it now is left alone) with attempts + 1; undefined otherwise. */
  async claim(m: Queryable, id: string): Promise<ClaimedDispatch | undefined> {
    const row = await queryOne<ClaimedDispatch>(
      m,
      `SELECT d.id, d.channel, d.attempts, i.subject, i.body, r.provider, r.url, r.secret, u.phone
         FROM notice_dispatch d JOIN notice_item i ON i.id = d.item_id
         LEFT JOIN notice_robot r ON d.channel IN ('dingtalk','wecom') AND r.org_unit_id::text = d.destination
         LEFT JOIN org_user_v u ON d.channel = 'sms' AND u.id::text = d.destination
        WHERE d.id = $1 AND d.state = 'queued' FOR UPDATE OF d SKIP LOCKED`,
      [id],
    );
    if (row) await m.query(`UPDATE notice_dispatch SET attempts = attempts + 1 WHERE id = $1`, [id]);
    return row;
  }

  async markSent(m: Queryable, id: string, at: Date): Promise<void> {
    await m.query(`UPDATE notice_dispatch SET state = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`, [id, at]);
  }

  /** Nothing: records the error; `final` fails the dispatch for good. */
  async markError(m: Queryable, id: string, reason: string, final: boolean): Promise<void> {
    await m.query(`UPDATE notice_dispatch SET last_error = $2, state = CASE WHEN $3 THEN 'failed' ELSE state END WHERE id = $1`, [id, reason, final]);
  }

  /**
   * Claims, once for ever, the escalation items (of these kinds) created at or before `before` whose digest is still
   * unread, and answers them with their recipient's unit and its parent.
   */
  async claimUnread(m: Queryable, kinds: readonly string[], before: Date, now: Date, limit: number): Promise<ReescalatedItem[]> {
    return queryRows<ReescalatedItem>(
      m,
      `WITH claimed AS (
           INSERT INTO notice_reescalation (item_id, created_at)
           SELECT i.id, $3 FROM notice_item i JOIN notice n ON n.id = i.notice_id
            WHERE i.kind = ANY($1::text[]) AND i.created_at <= $2 AND n.read_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM notice_reescalation x WHERE x.item_id = i.id)
            ORDER BY i.id LIMIT $4
           ON CONFLICT (item_id) DO NOTHING RETURNING item_id
         )
       SELECT i.id AS item_id, i.subject, i.body, i.link_entity, i.link_id, i.recipient_user_id, u.display_name AS recipient_name,
              ou.id AS unit_id, ou.parent_id, i.created_at
         FROM claimed c JOIN notice_item i ON i.id = c.item_id JOIN org_user_v u ON u.id = i.recipient_user_id JOIN org_unit_v ou ON ou.id = u.org_unit_id
        ORDER BY i.id`,
      [kinds, before, now, limit],
    );
  }
}
