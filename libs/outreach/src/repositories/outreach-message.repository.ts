import { orderBySql, Queryable, queryOne, queryRows, rankSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import type { RoundMessageSort } from '../dto/outreach.dto';
import { ENROLLED_SINCE_PLANNED } from '../rules/failure-reasons';
import { ClaimedRow, MESSAGE_STATES, MessageState, RoundRow, RoundTarget } from '../outreach.types';

/** People never reminded whatever the target: they are enrolled or cannot be. */
export const NEVER_REMINDED = `p.status NOT IN ('enrolled','insured_elsewhere','deceased','moved_away','not_eligible')`;
/** The message list's sort keys and the columns they order by. */
const MESSAGE_ORDER: Record<RoundMessageSort, string> = {
  name: 'p.name',
  state: rankSql('m.state', MESSAGE_STATES),
  attempts: 'm.attempts',
  queuedAt: 'm.queued_at',
  sentAt: 'm.sent_at',
};
/** Registry people a round of each target reaches (SQL over registry_person p). */
const TARGET_SQL: Record<RoundTarget, string> = {
  lapsed: `(p.source_group = 'lapsed_contributor' OR p.insurance_status = 'lapsed') AND ${NEVER_REMINDED}`,
  will_enrol: `p.status = 'will_enrol'`,
  not_visited: `p.visit_count = 0 AND ${NEVER_REMINDED}`,
};

/** A message of a round as an office lists it (phone unmasked: the service masks it). */
export interface MessageListRow {
  id: string;
  person_id: string;
  name: string;
  phone: string | null;
  channel: string;
  state: MessageState;
  body: string | null;
  failure_reason: string | null;
  attempts: number;
  resends: number;
  held_until: Date | null;
  queued_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

/** What expanding one chunk of people did. */
export interface ExpandedChunk {
  /** The last person of the chunk (the next cursor), null for an empty chunk. */
  last: string | null;
  /** People in the chunk (fewer than asked: the last chunk). */
  n: number;
  /** Messages made (a person with one already is skipped), by id. */
  ids: number[];
}

/** The outcome a gateway delivery report writes. */
export interface ReportOutcome {
  state: 'delivered' | 'failed';
  at: Date;
  failureReason: string | null;
  gatewayId: string | null;
}

const ids = (rows: { id: string }[]) => rows.map((r) => Number(r.id));

/** Every statement on outreach_message. */
@Injectable()
export class OutreachMessageRepository {
  /** Message count per state of a round (states without messages absent). */
  async countByState(db: Queryable, roundId: number): Promise<{ state: MessageState; n: number }[]> {
    return queryRows(db, `SELECT state, count(*)::int AS n FROM outreach_message WHERE round_id = $1 GROUP BY state`, [roundId]);
  }

  /** Ids of the round's queued messages not held for quiet hours, ascending. */
  async queuedIds(m: Queryable, roundId: number): Promise<number[]> {
    return ids(await queryRows(m, `SELECT id FROM outreach_message WHERE round_id = $1 AND state = 'queued' AND held_until IS NULL ORDER BY id`, [roundId]));
  }

  /** Ids (unordered) of the round's failed, not permanently failed messages, queued again as their next resend. */
  async requeueFailed(m: Queryable, roundId: number, now: Date): Promise<number[]> {
    return ids(
      await queryRows(
        m,
        `UPDATE outreach_message SET state = 'queued', resends = resends + 1, failure_reason = NULL, failed_at = NULL, held_until = NULL, queued_at = $2
            WHERE round_id = $1 AND state = 'failed' AND NOT failure_permanent RETURNING id`,
        [roundId, now],
      ),
    );
  }

  /** How many of the round's messages failed permanently. */
  async countPermanentFailures(m: Queryable, roundId: number): Promise<number> {
    const row = await queryOne<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM outreach_message WHERE round_id = $1 AND state = 'failed' AND failure_permanent`,
      [roundId],
    );
    return row!.n;
  }

  /** One page of a round's messages (optionally in one state) with each person's name and phone, in the asked order (by id by default). */
  async page(
    db: Queryable,
    roundId: number,
    state: MessageState | null,
    sort: SortParams<RoundMessageSort>,
    offset: number,
    limit: number,
  ): Promise<MessageListRow[]> {
    return queryRows(
      db,
      `SELECT m.id, m.person_id, p.name, p.phone, m.channel, m.state, m.body, m.failure_reason, m.attempts, m.resends, m.held_until, m.queued_at, m.sent_at, m.delivered_at, m.failed_at
         FROM outreach_message m JOIN registry_person_v p ON p.id = m.person_id
        WHERE m.round_id = $1 AND ($2::text IS NULL OR m.state = $2) ${orderBySql(sort, MESSAGE_ORDER, 'm.id')} OFFSET $3 LIMIT $4`,
      [roundId, state, offset, limit],
    );
  }

  /** How many messages page() pages through. */
  async count(db: Queryable, roundId: number, state: MessageState | null): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM outreach_message WHERE round_id = $1 AND ($2::text IS NULL OR state = $2)`, [
      roundId,
      state,
    ]);
    return row!.n;
  }

  /**
   * The next chunk of the round's people after its cursor (in its campaign and subtree, of its target),
   * and a queued message for each who has none in the round yet, nor (a plan's round) in a sibling round of the
   * same plan and date: a person in two of the plan's target groups gets one message that day.
   */
  async expandChunk(m: Queryable, round: RoundRow, chunk: number, now: Date): Promise<ExpandedChunk> {
    const r = await queryOne<{ last: string | null; n: number; ids: string[] | null }>(
      m,
      `WITH batch AS (
             SELECT p.id FROM registry_person_v p
              WHERE p.campaign_id = $2 AND p.org_unit_path LIKE $3 || '%' AND p.id > $4 AND ${TARGET_SQL[round.target]}
              ORDER BY p.id LIMIT $5),
           ins AS (
             INSERT INTO outreach_message (round_id, person_id, channel, queued_at)
             SELECT $1, b.id, $6, $7 FROM batch b
              WHERE $8::int IS NULL OR NOT EXISTS (
                SELECT 1 FROM outreach_message o JOIN reminder_round s ON s.id = o.round_id
                 WHERE o.person_id = b.id AND s.plan_id = $8 AND s.planned_for = $9::date AND s.id <> $1)
              ORDER BY b.id
             ON CONFLICT (round_id, person_id) DO NOTHING RETURNING id)
           SELECT (SELECT max(id) FROM batch) AS last, (SELECT count(*)::int FROM batch) AS n, (SELECT array_agg(id ORDER BY id) FROM ins) AS ids`,
      [round.id, round.campaign_id, round.org_unit_path, round.expand_cursor, chunk, round.channel, now, round.plan_id, round.planned_for],
    );
    return { last: r!.last, n: r!.n, ids: (r!.ids ?? []).map(Number) };
  }

  /** The campaigns whose rounds these messages belong to. */
  async campaignsOf(db: Queryable, messageIds: number[]): Promise<number[]> {
    const rows = await queryRows<{ campaign_id: number }>(
      db,
      `SELECT DISTINCT r.campaign_id FROM outreach_message m JOIN reminder_round r ON r.id = m.round_id WHERE m.id = ANY($1::bigint[])`,
      [messageIds],
    );
    return rows.map((r) => r.campaign_id);
  }

  /** Nothing: holds the queued messages among these of a campaign's rounds, on these channels, until `until` (quiet hours). */
  async holdQueued(db: Queryable, messageIds: number[], campaignId: number, channels: string[], until: Date): Promise<void> {
    await db.query(
      `UPDATE outreach_message m SET held_until = $4 FROM reminder_round r
        WHERE m.id = ANY($1::bigint[]) AND m.state = 'queued' AND m.channel = ANY($3::text[]) AND r.id = m.round_id AND r.campaign_id = $2`,
      [messageIds, campaignId, channels, until],
    );
  }

  /** Nothing: skips the queued messages among these whose person has enrolled meanwhile. */
  async skipEnrolled(db: Queryable, messageIds: number[]): Promise<void> {
    await db.query(
      `UPDATE outreach_message m SET state = 'skipped', failure_reason = $2
         FROM registry_person_v p WHERE m.id = ANY($1::bigint[]) AND m.state = 'queued' AND p.id = m.person_id AND p.status = 'enrolled'`,
      [messageIds, ENROLLED_SINCE_PLANNED],
    );
  }

  /** The messages among these this call claimed (queued and not held → sending, attempts + 1), with what their text needs. */
  async claim(db: Queryable, messageIds: number[], now: Date): Promise<ClaimedRow[]> {
    return queryRows<ClaimedRow>(
      db,
      `UPDATE outreach_message m SET state = 'sending', claimed_at = $2, attempts = m.attempts + 1
           FROM registry_person_v p, reminder_round r
          WHERE m.id = ANY($1::bigint[]) AND m.state = 'queued' AND (m.held_until IS NULL OR m.held_until <= $2)
            AND p.id = m.person_id AND r.id = m.round_id
          RETURNING m.id, m.round_id, r.campaign_id, m.attempts, m.resends, m.ref_token::text AS ref_token, m.channel, m.person_id, p.name, p.phone, r.template_kind, r.amount, r.deadline::text AS deadline, r.office_phone`,
      [messageIds, now],
    );
  }

  /** Nothing: a claimed message (this claim) goes back to queued, held until `until`. */
  async holdClaimed(db: Queryable, id: number, attempts: number, until: Date): Promise<void> {
    await db.query(`UPDATE outreach_message SET state = 'queued', held_until = $3 WHERE id = $1 AND state = 'sending' AND attempts = $2`, [
      id,
      attempts,
      until,
    ]);
  }

  /** Whether this claim still stood; if so it is renewed (claimed_at = now). */
  async renewClaim(db: Queryable, id: number, attempts: number, now: Date): Promise<boolean> {
    const rows = await queryRows(db, `UPDATE outreach_message SET claimed_at = $3 WHERE id = $1 AND state = 'sending' AND attempts = $2 RETURNING id`, [
      id,
      attempts,
      now,
    ]);
    return rows.length === 1;
  }

  /**
   * Nothing: the gateway took these messages, written in one statement. A delivery report that came
   * first keeps its outcome and reason (the row is no longer 'sending').
   */
  async markSentMany(db: Queryable, rows: { id: number; at: Date; gatewayId: string; recipient: string | null; body: string }[]): Promise<void> {
    await db.query(
      `UPDATE outreach_message m SET state = CASE WHEN m.state = 'sending' THEN 'sent' ELSE m.state END, sent_at = coalesce(m.sent_at, s.at),
                gateway_id = s.gateway_id, recipient = s.recipient, body = s.body,
                failure_reason = CASE WHEN m.state = 'sending' THEN NULL ELSE m.failure_reason END
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[]) AS s(id, at, gateway_id, recipient, body)
        WHERE m.id = s.id`,
      [rows.map((r) => r.id), rows.map((r) => r.at), rows.map((r) => r.gatewayId), rows.map((r) => r.recipient), rows.map((r) => r.body)],
    );
  }

  /** Nothing: a claimed message (this claim) goes back to queued with the reason its send is retried. */
  async requeueForRetry(db: Queryable, id: number, attempts: number, reason: string): Promise<void> {
    await db.query(`UPDATE outreach_message SET state = 'queued', failure_reason = $2 WHERE id = $1 AND state = 'sending' AND attempts = $3`, [
      id,
      reason,
      attempts,
    ]);
  }

  /** Nothing: a claimed message (this claim) failed. */
  async markFailed(
    db: Queryable,
    id: number,
    attempts: number,
    f: { reason: string; permanent: boolean; at: Date; recipient: string | null; body: string | null },
  ): Promise<void> {
    await db.query(
      `UPDATE outreach_message SET state = 'failed', failure_reason = $2, failure_permanent = $3, failed_at = $4, recipient = coalesce($5, recipient), body = coalesce($6, body)
        WHERE id = $1 AND state = 'sending' AND attempts = $7`,
      [id, f.reason, f.permanent, f.at, f.recipient, f.body, attempts],
    );
  }

  /**
   * The message a delivery report names (id, token and resend all matching), locked, with its round's
   * unit path: sending or sent, and also queued again for a retry: a send whose answer our side never
   * got (a timeout) may still have reached the gateway, and its report is then the only word we get of
   * it (the retry's post under the same ref is deduped without a second report). A message already
   * reported (delivered, failed) keeps the first report's word.
   */
  async lockReported(
    m: Queryable,
    ref: { id: number; token: string; resends: number },
  ): Promise<{ id: string; state: string; org_unit_path: string } | undefined> {
    return queryOne(
      m,
      `SELECT o.id, o.state, r.org_unit_path FROM outreach_message o JOIN reminder_round r ON r.id = o.round_id
          WHERE o.id = $1 AND o.ref_token = $2::uuid AND o.resends = $3
            AND o.state IN ('queued','sending','sent') FOR UPDATE OF o`,
      [ref.id, ref.token, ref.resends],
    );
  }

  /** Nothing: writes a delivery report's outcome. */
  async applyReport(m: Queryable, id: number, o: ReportOutcome): Promise<void> {
    await m.query(
      `UPDATE outreach_message SET state = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN $3::timestamptz END,
                failed_at = CASE WHEN $2 = 'failed' THEN $3::timestamptz END, failure_reason = $4, failure_permanent = false,
                sent_at = coalesce(sent_at, $3), gateway_id = coalesce(gateway_id, $5)
          WHERE id = $1`,
      [id, o.state, o.at, o.failureReason, o.gatewayId],
    );
  }

  /**
   * Ids (ascending, at most `limit`, locked, skipping locked ones) of queued messages of running rounds,
   * not held, that no deliver job still to run names (an outbox row neither done nor dead).
   */
  async orphanIds(m: Queryable, limit: number): Promise<number[]> {
    return ids(
      await queryRows(
        m,
        `WITH covered AS (
           SELECT (jsonb_array_elements_text(payload->'messageIds'))::bigint AS id FROM core_outbox_v
            WHERE job_name = 'notices.deliver' AND done_at IS NULL AND dead_at IS NULL)
         SELECT o.id FROM outreach_message o JOIN reminder_round r ON r.id = o.round_id
          WHERE r.status = 'running' AND o.state = 'queued' AND o.held_until IS NULL AND o.id NOT IN (SELECT id FROM covered)
          ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
        [limit],
      ),
    );
  }

  /** Ids of (at most `limit`) queued messages whose quiet-hours hold ended by `now`, released. */
  async releaseHeld(m: Queryable, now: Date, limit: number): Promise<number[]> {
    return ids(
      await queryRows(
        m,
        `UPDATE outreach_message SET held_until = NULL WHERE id IN (
             SELECT id FROM outreach_message WHERE state = 'queued' AND held_until IS NOT NULL AND held_until <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
        [now, limit],
      ),
    );
  }

  /** Ids of (at most `limit`) messages claimed before `before` (their worker died), queued again. */
  async requeueStale(m: Queryable, before: Date, limit: number): Promise<number[]> {
    return ids(
      await queryRows(
        m,
        `UPDATE outreach_message SET state = 'queued' WHERE id IN (
             SELECT id FROM outreach_message WHERE state = 'sending' AND claimed_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
        [before, limit],
      ),
    );
  }

  /** One message of the demo's finished round, queued at 01:00 UTC on 2026-03-10, with its outcome's times. */
  async insertDemo(
    m: Queryable,
    d: {
      roundId: number;
      personId: string;
      state: MessageState;
      recipient: string | null;
      body: string | null;
      failureReason: string | null;
      failurePermanent: boolean;
      gatewayId: string | null;
      attempts: number;
      sentAt: string | null;
      deliveredAt: string | null;
      failedAt: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO outreach_message (round_id, person_id, channel, state, recipient, body, failure_reason, failure_permanent, gateway_id, attempts,
                                     queued_at, sent_at, delivered_at, failed_at)
       VALUES ($1, $2, 'sms', $3, $4, $5, $6, $7, $8, $9, '2026-03-10T01:00:00Z', $10, $11, $12)`,
      [d.roundId, d.personId, d.state, d.recipient, d.body, d.failureReason, d.failurePermanent, d.gatewayId, d.attempts, d.sentAt, d.deliveredAt, d.failedAt],
    );
  }
}
