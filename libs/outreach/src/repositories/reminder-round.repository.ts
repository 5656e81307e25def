import { orderBySql, Queryable, queryOne, queryRows, rankSql, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import { RoundRow, RoundTarget } from '../outreach.types';
import { PublicChannel } from '../channels/gateway-answer';
import type { RoundSort } from '../dto/outreach.dto';

/** Round columns with dates as YYYY-MM-DD strings. */
const ROUND_COLS = `id, campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for::text AS planned_for, amount, deadline::text AS deadline, office_phone, status, starts, expand_cursor, expanded_at, created_at, started_at, finished_at, plan_id`;

/** Which rounds a list shows: a scope and, optionally, one campaign ($1, $2). */
const LIST_WHERE = `${scopeSql('org_unit_path', 1)} AND ($2::int IS NULL OR campaign_id = $2)`;

/** The list's sort keys and the columns they order by. */
const ROUND_ORDER: Record<RoundSort, string> = {
  plannedFor: 'planned_for',
  name: 'name',
  status: rankSql('status', ['planned', 'running', 'finished']),
  deadline: 'deadline',
  createdAt: 'created_at',
};

export interface NewRound {
  /** Null for a round the schedule made. */
  campaignId: number;
  name: string;
  orgUnitId: number;
  orgUnitPath: string;
  target: RoundTarget;
  channel: PublicChannel;
  templateKind: string;
  plannedFor: string;
  amount: number | null;
  deadline: string | null;
  officePhone: string | null;
  createdBy: number | null;
  createdAt: Date;
}

/** What a repeated plan must match (see RoundsService.plan). */
export interface PlanKey {
  userId: number;
  campaignId: number;
  orgUnitId: number;
  target: RoundTarget;
  channel: PublicChannel;
  templateKind: string;
  plannedFor: string;
  amount: number | null;
  deadline: string | null;
  since: Date;
  name: string;
}

/** Every statement on reminder_round. */
@Injectable()
export class ReminderRoundRepository {
  /** Nothing: holds the user's plan lock to the end of the transaction. */
  async lockPlansOf(m: Queryable, userId: number): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('reminder_round_plan'), $1::int)`, [userId]);
  }

  /** The newly planned round. */
  async insert(m: Queryable, r: NewRound): Promise<RoundRow> {
    const row = await queryOne<RoundRow>(
      m,
      `INSERT INTO reminder_round (campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for, amount, deadline, office_phone, created_by, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING ${ROUND_COLS}`,
      [
        r.campaignId,
        r.name,
        r.orgUnitId,
        r.orgUnitPath,
        r.target,
        r.channel,
        r.templateKind,
        r.plannedFor,
        r.amount,
        r.deadline,
        r.officePhone,
        r.createdBy,
        r.createdAt,
      ],
    );
    return row!;
  }

  /**
   * The round of a plan's occurrence (plan, date, target), made now, or undefined when it was made already:
   * the unique index reminder_round_plan_occurrence decides, so only one caller ever gets it (and starts it).
   */
  async insertForPlan(m: Queryable, planId: number, r: NewRound): Promise<RoundRow | undefined> {
    return queryOne<RoundRow>(
      m,
      `INSERT INTO reminder_round (campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for, amount, deadline, office_phone, created_by, created_at, plan_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
         ON CONFLICT (plan_id, planned_for, target) WHERE plan_id IS NOT NULL DO NOTHING RETURNING ${ROUND_COLS}`,
      [
        r.campaignId,
        r.name,
        r.orgUnitId,
        r.orgUnitPath,
        r.target,
        r.channel,
        r.templateKind,
        r.plannedFor,
        r.amount,
        r.deadline,
        r.officePhone,
        r.createdBy,
        r.createdAt,
        planId,
      ],
    );
  }

  /** The rounds a plan made, by date. */
  async ofPlan(db: Queryable, planId: number): Promise<RoundRow[]> {
    return queryRows<RoundRow>(db, `SELECT ${ROUND_COLS} FROM reminder_round WHERE plan_id = $1 ORDER BY planned_for, target`, [planId]);
  }

  /** The user's latest round of the same plan made after `since`, if any. */
  async findRepeat(m: Queryable, k: PlanKey): Promise<RoundRow | undefined> {
    return queryOne<RoundRow>(
      m,
      `SELECT ${ROUND_COLS} FROM reminder_round
        WHERE created_by = $1 AND campaign_id = $2 AND org_unit_id = $3 AND target = $4 AND channel = $5 AND template_kind = $6 AND planned_for = $7::date
          AND amount IS NOT DISTINCT FROM $8::numeric AND deadline IS NOT DISTINCT FROM $9::date AND created_at > $10 AND name = $11
        ORDER BY id DESC LIMIT 1`,
      [k.userId, k.campaignId, k.orgUnitId, k.target, k.channel, k.templateKind, k.plannedFor, k.amount, k.deadline, k.since, k.name],
    );
  }

  /** The round, or undefined. */
  async find(db: Queryable, id: number): Promise<RoundRow | undefined> {
    return queryOne<RoundRow>(db, `SELECT ${ROUND_COLS} FROM reminder_round WHERE id = $1`, [id]);
  }

  /** The round, locked to the end of the transaction, or undefined. */
  async findForUpdate(m: Queryable, id: number): Promise<RoundRow | undefined> {
    return queryOne<RoundRow>(m, `SELECT ${ROUND_COLS} FROM reminder_round WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** One page of the rounds in the scope (optionally of one campaign), in the asked order (by planned day and id by default). */
  async page(db: Queryable, scope: Scope, campaignId: number | null, sort: SortParams<RoundSort>, offset: number, limit: number): Promise<RoundRow[]> {
    const order = orderBySql(sort, ROUND_ORDER, 'planned_for, id');
    return queryRows<RoundRow>(db, `SELECT ${ROUND_COLS} FROM reminder_round WHERE ${LIST_WHERE} ${order} OFFSET $3 LIMIT $4`, [
      scopeParam(scope),
      campaignId,
      offset,
      limit,
    ]);
  }

  /** How many rounds page() pages through. */
  async count(db: Queryable, scope: Scope, campaignId: number | null): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM reminder_round WHERE ${LIST_WHERE}`, [scopeParam(scope), campaignId]);
    return row!.n;
  }

  /** The round after one more start (running, starts + 1). */
  async markStarted(m: Queryable, id: number, now: Date): Promise<RoundRow> {
    const row = await queryOne<RoundRow>(
      m,
      `UPDATE reminder_round SET status = 'running', starts = starts + 1, started_at = coalesce(started_at, $2), last_started_at = $2 WHERE id = $1 RETURNING ${ROUND_COLS}`,
      [id, now],
    );
    return row!;
  }

  /** Whether the round was last started after `since`. */
  async startedSince(m: Queryable, id: number, since: Date): Promise<boolean> {
    const r = await queryOne<{ recent: boolean | null }>(m, `SELECT last_started_at > $2 AS recent FROM reminder_round WHERE id = $1`, [id, since]);
    return r!.recent === true;
  }

  /** Nothing: a finished round runs again (messages to resend). */
  async reopen(m: Queryable, id: number): Promise<void> {
    await m.query(`UPDATE reminder_round SET status = 'running', finished_at = NULL WHERE id = $1`, [id]);
  }

  /** Nothing: moves the expansion cursor to the last person seen, and marks the round expanded when `finished`. */
  async advanceCursor(m: Queryable, id: number, last: string | null, finished: boolean, now: Date): Promise<void> {
    await m.query(
      `UPDATE reminder_round SET expand_cursor = coalesce($2, expand_cursor), expanded_at = CASE WHEN $3 THEN $4::timestamptz ELSE NULL END WHERE id = $1`,
      [id, last, finished, now],
    );
  }

  /** Nothing: closes the running, expanded rounds with no message left queued or sending. */
  async finishDone(m: Queryable, now: Date): Promise<void> {
    await m.query(
      `UPDATE reminder_round r SET status = 'finished', finished_at = $1
          WHERE status = 'running' AND expanded_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM outreach_message WHERE round_id = r.id AND state IN ('queued','sending'))`,
      [now],
    );
  }

  /** The demo's finished March SMS round to lapsed contributors of a unit (expanded up to `lastPersonId`); answers its id. */
  async insertDemoFinished(
    m: Queryable,
    r: { campaignId: number; unit: { id: number; path: string }; lastPersonId: string; createdBy: number | null },
  ): Promise<number> {
    const [round] = await queryRows<{ id: number }>(
      m,
      `INSERT INTO reminder_round (campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for, amount, deadline, office_phone,
                                 status, starts, expand_cursor, expanded_at, created_by, created_at, started_at, finished_at)
     VALUES ($1, '三月断缴提醒（第一轮）', $2, $3, 'lapsed', 'sms', 'reminder.lapsed', '2026-03-10', 3600, '2026-03-31', '0571-88886666',
             'finished', 1, $4, '2026-03-10T01:00:00Z', $5, '2026-03-05T02:00:00Z', '2026-03-10T01:00:00Z', '2026-03-10T01:20:00Z') RETURNING id`,
      [r.campaignId, r.unit.id, r.unit.path, r.lastPersonId, r.createdBy],
    );
    return round.id;
  }
}
