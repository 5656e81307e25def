import { AuditService, AuthUser, Clock, DomainError, JobHandlers, maskPhone, OutboxService, Page, pageOf, REPEAT_WINDOW_MS, rowsOf } from '#core';
import { ScopeService } from '#org';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { ChannelRateLimiter, PublicChannel, PublicChannels, SendResult } from './channels';
import { quietUntil } from './quiet-hours';
import { messageRef, parseMessageRef } from './message-ref';
import { chineseDate, renderTemplate, templateVariables } from './template-rules';
import { TemplatesService } from './templates.service';

/** Messages per deliver job, people per expansion transaction, HTTP calls in flight per job. */
export const SEND_BATCH = 100;
export const EXPAND_CHUNK = 5000;
const PARALLEL = 10;
/**
 * A message whose claim was taken or last renewed longer ago than this belongs to a worker that died:
 * the reconciler queues it again. A live worker posts a message within half this time of its claim,
 * or renews the claim first (sendOne), and its HTTP call times out after 10 s: only a dead or frozen
 * worker leaves a claim this old.
 */
export const STALE_SENDING_MS = 2 * 60 * 1000;
const RECONCILE_LIMIT = 10000;
/** How often the worker looks for queued messages of running rounds that no deliver job will send (resume). */
export const RESUME_MS = 30_000;

export const ROUND_TARGETS = ['lapsed', 'will_enrol', 'not_visited'] as const;
export type RoundTarget = (typeof ROUND_TARGETS)[number];
export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'skipped'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** Round columns with dates as YYYY-MM-DD strings. */
const ROUND_COLS = `id, campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for::text AS planned_for, amount, deadline::text AS deadline, office_phone, status, starts, expand_cursor, expanded_at, created_at, started_at, finished_at`;

/** People never reminded whatever the target: they are enrolled or cannot be. */
const NEVER = `p.status NOT IN ('enrolled','insured_elsewhere','deceased','moved_away','not_eligible')`;
/** Registry people a round of each target reaches (SQL over registry_person p). */
const TARGET_SQL: Record<RoundTarget, string> = {
  lapsed: `(p.source_group = 'lapsed_contributor' OR p.insurance_status = 'lapsed') AND ${NEVER}`,
  will_enrol: `p.status = 'will_enrol'`,
  not_visited: `p.visit_count = 0 AND ${NEVER}`,
};

export interface RoundInput {
  campaignId: number;
  name: string;
  orgUnitId: number;
  target: RoundTarget;
  channel: PublicChannel;
  templateKind?: string;
  plannedFor: string;
  amount?: number;
  deadline?: string;
  officePhone?: string;
}

interface RoundRow {
  id: number;
  campaign_id: number;
  name: string;
  org_unit_id: number;
  org_unit_path: string;
  target: RoundTarget;
  channel: PublicChannel;
  template_kind: string;
  planned_for: string;
  amount: string | null;
  deadline: string | null;
  office_phone: string | null;
  status: 'planned' | 'running' | 'finished';
  starts: number;
  expand_cursor: string;
  expanded_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type RoundTotals = Record<MessageState, number> & { total: number };

function roundView(r: RoundRow, totals?: RoundTotals) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    name: r.name,
    orgUnitId: r.org_unit_id,
    target: r.target,
    channel: r.channel,
    templateKind: r.template_kind,
    plannedFor: r.planned_for,
    amount: r.amount === null ? null : Number(r.amount),
    deadline: r.deadline,
    officePhone: r.office_phone,
    status: r.status,
    starts: r.starts,
    expanded: r.expanded_at !== null,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ...(totals ? { totals } : {}),
  };
}
export type RoundView = ReturnType<typeof roundView>;

interface ClaimedRow {
  id: string;
  round_id: number;
  /** The claim's fencing token: every claim increments attempts, so a requeued and re-claimed message has a new one. */
  attempts: number;
  resends: number;
  /** The message's random token (uuid), part of every ref we give the gateway for it. */
  ref_token: string;
  channel: PublicChannel;
  person_id: string;
  name: string;
  phone: string | null;
  template_kind: string;
  amount: string | null;
  deadline: string | null;
  office_phone: string | null;
}

/**
 * Reminder rounds to the public and the delivery of their messages. Exactly one message per person
 * and round: UNIQUE (round_id, person_id) when the round expands, and a message is sent only by the
 * job that moved it queued → sending in PostgreSQL and that still holds that claim (same attempts)
 * right before the HTTP call. So restarts, several workers and stale-claim requeues never make us
 * send one (message, resend) twice.
 *
 * What we cannot rule out on our side (at least once): a worker that dies after the gateway accepted
 * a message and before our 'sent' commit leaves it 'sending'; the reconciler queues it again and it is
 * posted a second time under the same ref (om-<id>[-r<n>]-<token>, see message-ref.ts). The gateway
 * dedupes by that ref (its client reference), so the person still gets one SMS; a webhook receiver
 * must dedupe by `ref` likewise. test/notices/worker-killed.e2e-spec.ts kills a worker process mid-round.
 */
@Injectable()
export class OutreachService implements OnModuleInit {
  private readonly logger = new Logger(OutreachService.name);
  private reconciling = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly channels: PublicChannels,
    private readonly limiter: ChannelRateLimiter,
    private readonly templates: TemplatesService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notices.round.expand', ({ roundId }) => this.expand(roundId));
    this.handlers.register('notices.deliver', ({ messageIds }, job) => this.deliver(messageIds, job));
  }

  // ---------- rounds (office) ----------

  async plan(user: AuthUser, input: RoundInput): Promise<RoundView> {
    return this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, input.orgUnitId, m);
      const [campaign] = await m.query(`SELECT id FROM campaign WHERE id = $1`, [input.campaignId]);
      if (!campaign) throw DomainError.validation('campaignId', `campaign ${input.campaignId} does not exist`);
      const kind = input.templateKind ?? `reminder.${input.target}`;
      const template = await this.templates.find(m, kind, path);
      if (!template) throw DomainError.validation('templateKind', `no template of kind ${kind}`);
      // every variable the template uses must have a value now, not a blank later
      const uses = templateVariables(template.body);
      if (uses.includes('amount') && input.amount === undefined) throw DomainError.validation('amount', `template ${kind} uses {{amount}}: give the amount`);
      if (uses.includes('deadline') && !input.deadline) throw DomainError.validation('deadline', `template ${kind} uses {{deadline}}: give the deadline`);
      if (uses.includes('officePhone') && !input.officePhone)
        throw DomainError.validation('officePhone', `template ${kind} uses {{officePhone}}: give the office phone`);
      const repeat = await this.samePlanJustMade(m, user, input, kind);
      if (repeat) return roundView(repeat);
      const [row]: RoundRow[] = await m.query(
        `INSERT INTO reminder_round (campaign_id, name, org_unit_id, org_unit_path, target, channel, template_kind, planned_for, amount, deadline, office_phone, created_by, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING ${ROUND_COLS}`,
        [
          input.campaignId,
          input.name,
          input.orgUnitId,
          path,
          input.target,
          input.channel,
          kind,
          input.plannedFor,
          input.amount ?? null,
          input.deadline ?? null,
          input.officePhone ?? null,
          user.id,
          this.clock.now(),
        ],
      );
      await this.audit.record(m, user, { action: 'plan', entity: 'reminder_round', entityId: row.id, orgUnitPath: path, before: null, after: roundView(row) });
      return roundView(row);
    });
  }

  /**
   * The round this plan repeats: the same user planned the same name, campaign, unit, target, channel,
   * template, day, amount and deadline within REPEAT_WINDOW_MS (a double click; another name is another round). The user's advisory lock, held to
   * the commit, makes concurrent repeats wait for the first and find it.
   */
  private async samePlanJustMade(m: EntityManager, user: AuthUser, input: RoundInput, kind: string): Promise<RoundRow | undefined> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('reminder_round_plan'), $1::int)`, [user.id]);
    const [row]: RoundRow[] = await m.query(
      `SELECT ${ROUND_COLS} FROM reminder_round
        WHERE created_by = $1 AND campaign_id = $2 AND org_unit_id = $3 AND target = $4 AND channel = $5 AND template_kind = $6 AND planned_for = $7::date
          AND amount IS NOT DISTINCT FROM $8::numeric AND deadline IS NOT DISTINCT FROM $9::date AND created_at > $10 AND name = $11
        ORDER BY id DESC LIMIT 1`,
      [
        user.id,
        input.campaignId,
        input.orgUnitId,
        input.target,
        input.channel,
        kind,
        input.plannedFor,
        input.amount ?? null,
        input.deadline ?? null,
        new Date(this.clock.now().getTime() - REPEAT_WINDOW_MS),
        input.name,
      ],
    );
    return row;
  }

  private async loadInScope(user: AuthUser, id: number, m: EntityManager, lock = false): Promise<RoundRow> {
    const [row]: RoundRow[] = await m.query(`SELECT ${ROUND_COLS} FROM reminder_round WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw DomainError.notFound('reminder round', id);
    if (!user.seesAll && !row.org_unit_path.startsWith(user.orgUnitPath)) throw DomainError.outOfScope();
    return row;
  }

  async totals(m: EntityManager, roundId: number): Promise<RoundTotals> {
    const rows: { state: MessageState; n: number }[] = await m.query(
      `SELECT state, count(*)::int AS n FROM outreach_message WHERE round_id = $1 GROUP BY state`,
      [roundId],
    );
    const t = Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as RoundTotals;
    t.total = 0;
    for (const r of rows) {
      t[r.state] = r.n;
      t.total += r.n;
    }
    return t;
  }

  async get(user: AuthUser, id: number): Promise<RoundView> {
    const row = await this.loadInScope(user, id, this.dataSource.manager);
    return roundView(row, await this.totals(this.dataSource.manager, id));
  }

  async list(user: AuthUser, q: { campaignId?: number; offset: number; pageSize: number; page: number }): Promise<Page<RoundView>> {
    const prefix = this.scope.scopePrefix(user);
    const params = [prefix, q.campaignId ?? null];
    const where = `org_unit_path LIKE $1 || '%' AND ($2::int IS NULL OR campaign_id = $2)`;
    const rows: RoundRow[] = await this.dataSource.query(
      `SELECT ${ROUND_COLS} FROM reminder_round WHERE ${where} ORDER BY planned_for, id OFFSET $3 LIMIT $4`,
      [...params, q.offset, q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM reminder_round WHERE ${where}`, params);
    return pageOf(
      rows.map((r) => roundView(r)),
      n,
      q as never,
    );
  }

  /**
   * Starts (or restarts) a round: expansion is resumable and messages are unique, so a restart never sends
   * twice. A start within REPEAT_WINDOW_MS of the last one is the same click: it answers the running round.
   */
  async start(user: AuthUser, id: number): Promise<RoundView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.loadInScope(user, id, m, true);
      if (before.status === 'finished') throw DomainError.invalidState(`reminder round ${id} is finished; resend the failed messages instead`);
      // a second start within REPEAT_WINDOW_MS is the same click (the row lock above orders them): the round is already starting
      if (before.status === 'running' && (await this.startedWithin(m, id))) return roundView(before);
      const [row]: RoundRow[] = rowsOf<RoundRow>(
        await m.query(
          `UPDATE reminder_round SET status = 'running', starts = starts + 1, started_at = coalesce(started_at, $2), last_started_at = $2 WHERE id = $1 RETURNING ${ROUND_COLS}`,
          [id, this.clock.now()],
        ),
      );
      await this.outbox.enqueue(m, 'notices.round.expand', { roundId: id }, { jobId: `round-expand-${id}-${row.starts}` });
      if (before.status === 'running') {
        // a restart: messages still queued get a fresh job (a message already claimed is not sent again)
        const queued: { id: string }[] = await m.query(
          `SELECT id FROM outreach_message WHERE round_id = $1 AND state = 'queued' AND held_until IS NULL ORDER BY id`,
          [id],
        );
        await this.enqueueDeliveries(
          m,
          queued.map((r) => Number(r.id)),
        );
      }
      await this.audit.record(m, user, {
        action: 'start',
        entity: 'reminder_round',
        entityId: id,
        orgUnitPath: row.org_unit_path,
        before: { status: before.status },
        after: { status: row.status, starts: row.starts },
      });
      return roundView(row);
    });
  }

  private async startedWithin(m: EntityManager, id: number): Promise<boolean> {
    const [r] = await m.query(`SELECT last_started_at > $2 AS recent FROM reminder_round WHERE id = $1`, [id, new Date(this.clock.now().getTime() - REPEAT_WINDOW_MS)]);
    return r.recent === true;
  }

  /** Sends each failed message of the round once more (permanent failures such as an invalid number excepted). */
  async resendFailed(user: AuthUser, id: number): Promise<{ resent: number; permanent: number }> {
    return this.dataSource.transaction(async (m) => {
      const round = await this.loadInScope(user, id, m, true);
      if (round.status === 'planned') throw DomainError.invalidState(`reminder round ${id} has not started`);
      const rows: { id: string }[] = rowsOf(
        await m.query(
          `UPDATE outreach_message SET state = 'queued', resends = resends + 1, failure_reason = NULL, failed_at = NULL, held_until = NULL, queued_at = $2
            WHERE round_id = $1 AND state = 'failed' AND NOT failure_permanent RETURNING id`,
          [id, this.clock.now()],
        ),
      );
      const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      await this.enqueueDeliveries(m, ids, `resend-${Date.now()}`);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM outreach_message WHERE round_id = $1 AND state = 'failed' AND failure_permanent`, [id]);
      if (ids.length && round.status === 'finished') await m.query(`UPDATE reminder_round SET status = 'running', finished_at = NULL WHERE id = $1`, [id]);
      await this.audit.record(m, user, {
        action: 'resend_failed',
        entity: 'reminder_round',
        entityId: id,
        orgUnitPath: round.org_unit_path,
        before: null,
        after: { resent: ids.length },
      });
      return { resent: ids.length, permanent: n };
    });
  }

  async messages(user: AuthUser, id: number, q: { state?: MessageState; offset: number; pageSize: number; page: number }) {
    await this.loadInScope(user, id, this.dataSource.manager);
    const rows = await this.dataSource.query(
      `SELECT m.id, m.person_id, p.name, p.phone, m.channel, m.state, m.body, m.failure_reason, m.attempts, m.resends, m.held_until, m.queued_at, m.sent_at, m.delivered_at, m.failed_at
         FROM outreach_message m JOIN registry_person p ON p.id = m.person_id
        WHERE m.round_id = $1 AND ($2::text IS NULL OR m.state = $2) ORDER BY m.id OFFSET $3 LIMIT $4`,
      [id, q.state ?? null, q.offset, q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outreach_message WHERE round_id = $1 AND ($2::text IS NULL OR state = $2)`, [
      id,
      q.state ?? null,
    ]);
    const items = rows.map((r: Record<string, unknown>) => ({
      id: Number(r.id),
      personId: Number(r.person_id),
      name: r.name,
      phone: r.phone ? maskPhone(r.phone as string) : null,
      channel: r.channel,
      state: r.state,
      body: r.body,
      failureReason: r.failure_reason,
      attempts: r.attempts,
      resends: r.resends,
      heldUntil: r.held_until,
      queuedAt: r.queued_at,
      sentAt: r.sent_at,
      deliveredAt: r.delivered_at,
      failedAt: r.failed_at,
    }));
    return pageOf(items, n, q as never);
  }

  /** People of a campaign (in the caller's scope, not enrolled) with fewer than `below` reminders sent this business year. */
  async belowCount(
    user: AuthUser,
    q: { campaignId: number; orgUnitId?: number; below: number; year?: number; offset: number; pageSize: number; page: number },
  ) {
    const prefix = q.orgUnitId ? await this.scope.unitPathInScope(user, q.orgUnitId) : this.scope.scopePrefix(user);
    const year = q.year ?? Number(this.clock.today().slice(0, 4));
    const params = [q.campaignId, prefix, `${year}-01-01`, `${year + 1}-01-01`, q.below];
    const from = `FROM registry_person p
      LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM outreach_message m
                          WHERE m.person_id = p.id AND m.state IN ('sent','delivered')
                            AND m.sent_at >= ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                            AND m.sent_at <  ($4::date)::timestamp AT TIME ZONE 'Asia/Shanghai') c ON true
     WHERE p.campaign_id = $1 AND p.org_unit_path LIKE $2 || '%' AND ${NEVER} AND c.n < $5`;
    const rows = await this.dataSource.query(`SELECT p.id, p.name, p.phone, p.status, p.org_unit_id, c.n ${from} ORDER BY c.n, p.id OFFSET $6 LIMIT $7`, [
      ...params,
      q.offset,
      q.pageSize,
    ]);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n ${from}`, params);
    const items = rows.map((r: Record<string, unknown>) => ({
      personId: Number(r.id),
      name: r.name,
      phone: r.phone ? maskPhone(r.phone as string) : null,
      status: r.status,
      orgUnitId: r.org_unit_id,
      remindersThisYear: r.n,
    }));
    return { ...pageOf(items, n, q as never), year, below: q.below };
  }

  /** How many reminders one person got this business year (sent or delivered). */
  async personCount(user: AuthUser, personId: number, year?: number) {
    const [p] = await this.dataSource.query(`SELECT id, org_unit_path FROM registry_person WHERE id = $1`, [personId]);
    if (!p) throw DomainError.notFound('person', personId);
    if (!user.seesAll && !(p.org_unit_path as string).startsWith(user.orgUnitPath)) throw DomainError.outOfScope();
    const y = year ?? Number(this.clock.today().slice(0, 4));
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outreach_message WHERE person_id = $1 AND state IN ('sent','delivered')
          AND sent_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND sent_at < ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
      [personId, `${y}-01-01`, `${y + 1}-01-01`],
    );
    return { personId, year: y, remindersThisYear: n };
  }

  // ---------- worker ----------

  /** One deliver job per SEND_BATCH messages, written as outbox rows in one statement (per 1 000 jobs). */
  private async enqueueDeliveries(m: EntityManager, ids: number[], tag = ''): Promise<void> {
    const jobs = [];
    for (let i = 0; i < ids.length; i += SEND_BATCH) {
      const chunk = ids.slice(i, i + SEND_BATCH);
      jobs.push({ name: 'notices.deliver' as const, payload: { messageIds: chunk }, opts: tag ? { jobId: `deliver-${chunk[0]}-${chunk.length}-${tag}` } : {} });
    }
    if (jobs.length) await this.outbox.enqueueMany(m, jobs);
  }

  /** Expands a running round into messages, one chunk of people per transaction, resuming from its cursor. */
  async expand(roundId: number): Promise<number> {
    let created = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (m) => {
        const [round]: RoundRow[] = await m.query(`SELECT ${ROUND_COLS} FROM reminder_round WHERE id = $1 FOR UPDATE`, [roundId]);
        if (!round || round.status !== 'running' || round.expanded_at) return true;
        const [r]: { last: string | null; n: number; ids: string[] | null }[] = await m.query(
          `WITH batch AS (
             SELECT p.id FROM registry_person p
              WHERE p.campaign_id = $2 AND p.org_unit_path LIKE $3 || '%' AND p.id > $4 AND ${TARGET_SQL[round.target]}
              ORDER BY p.id LIMIT $5),
           ins AS (
             INSERT INTO outreach_message (round_id, person_id, channel, queued_at)
             SELECT $1, id, $6, $7 FROM batch ORDER BY id
             ON CONFLICT (round_id, person_id) DO NOTHING RETURNING id)
           SELECT (SELECT max(id) FROM batch) AS last, (SELECT count(*)::int FROM batch) AS n, (SELECT array_agg(id ORDER BY id) FROM ins) AS ids`,
          [roundId, round.campaign_id, round.org_unit_path, round.expand_cursor, EXPAND_CHUNK, round.channel, this.clock.now()],
        );
        const ids = (r.ids ?? []).map(Number);
        await this.enqueueDeliveries(m, ids);
        created += ids.length;
        const finished = r.n < EXPAND_CHUNK;
        await m.query(
          `UPDATE reminder_round SET expand_cursor = coalesce($2, expand_cursor), expanded_at = CASE WHEN $3 THEN $4::timestamptz ELSE NULL END WHERE id = $1`,
          [roundId, r.last, finished, this.clock.now()],
        );
        return finished;
      });
      if (done) return created;
    }
  }

  /** Sends a batch of messages: held in quiet hours, skipped when enrolled, each claimed before it is sent. */
  async deliver(messageIds: number[], job?: Job): Promise<void> {
    const now = this.clock.now();
    const hold = quietUntil(now);
    if (hold) {
      await this.dataSource.query(`UPDATE outreach_message SET held_until = $2 WHERE id = ANY($1::bigint[]) AND state = 'queued' AND channel = 'sms'`, [
        messageIds,
        hold,
      ]);
    }
    await this.dataSource.query(
      `UPDATE outreach_message m SET state = 'skipped', failure_reason = 'enrolled since the round was planned'
         FROM registry_person p WHERE m.id = ANY($1::bigint[]) AND m.state = 'queued' AND p.id = m.person_id AND p.status = 'enrolled'`,
      [messageIds],
    );
    const claimed: ClaimedRow[] = rowsOf(
      await this.dataSource.query(
        `UPDATE outreach_message m SET state = 'sending', claimed_at = $2, attempts = m.attempts + 1
           FROM registry_person p, reminder_round r
          WHERE m.id = ANY($1::bigint[]) AND m.state = 'queued' AND (m.held_until IS NULL OR m.held_until <= $2)
            AND p.id = m.person_id AND r.id = m.round_id
          RETURNING m.id, m.round_id, m.attempts, m.resends, m.ref_token::text AS ref_token, m.channel, m.person_id, p.name, p.phone, r.template_kind, r.amount, r.deadline::text AS deadline, r.office_phone`,
        [messageIds, now],
      ),
    );
    if (!claimed.length) return;
    const finalAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    // one read per batch: each round's nearest template of its kind up the tree from its unit
    const templates = await this.templates.bodiesForRounds(this.dataSource.manager, [...new Set(claimed.map((c) => Number(c.round_id)))]);
    const retry: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const c = claimed[next++];
        const again = await this.sendOne(c, templates.get(Number(c.round_id)), now, finalAttempt);
        if (again) retry.push(again);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, claimed.length) }, worker));
    if (retry.length) throw new Error(`${retry.length} message(s) to retry: ${retry[0]}`);
  }

  /** Sends one claimed message and records the outcome; answers a reason when the job should retry it. */
  private async sendOne(c: ClaimedRow, template: string | undefined, claimedAt: Date, finalAttempt: boolean): Promise<string | null> {
    const id = Number(c.id);
    // the gateway dedupes by ref: the same ref after a crash, a new one for a deliberate resend
    const ref = messageRef(id, c.resends, c.ref_token);
    let body: string;
    try {
      if (template === undefined) throw new Error(`template ${c.template_kind} was deleted`);
      body = renderTemplate(template, {
        name: c.name,
        amount: c.amount === null ? undefined : String(Number(c.amount)),
        deadline: c.deadline ? chineseDate(c.deadline) : undefined,
        officePhone: c.office_phone ?? undefined,
      });
    } catch (e) {
      await this.fail(c, (e as Error).message, true, null, null);
      return null;
    }
    if (c.channel === 'sms' && !c.phone) {
      await this.fail(c, 'no phone number', true, null, body);
      return null;
    }
    await this.limiter.acquire(c.channel, this.channels.ratePerSecond(c.channel));
    // The wait for the rate limiter can outlast STALE_SENDING_MS (a low rate, a big backlog): then the
    // reconciler may have queued the message again and another job claimed it. Within half of it the
    // claim is surely ours (no query); later, renew it and send only if it still stands.
    const sendAt = this.clock.now();
    // A batch claimed just before 21:00 may reach a message after it: hold that one until 08:00 too.
    const quiet = c.channel === 'sms' ? quietUntil(sendAt) : null;
    if (quiet) {
      await this.dataSource.query(`UPDATE outreach_message SET state = 'queued', held_until = $3 WHERE id = $1 AND state = 'sending' AND attempts = $2`, [
        id,
        c.attempts,
        quiet,
      ]);
      return null;
    }
    if (sendAt.getTime() - claimedAt.getTime() >= STALE_SENDING_MS / 2 && !(await this.renewClaim(c))) return null;
    const result: SendResult =
      c.channel === 'sms'
        ? await this.channels.sendSms(ref, c.phone!, body)
        : await this.channels.sendWebhook(ref, { kind: c.template_kind, personId: Number(c.person_id), phone: c.phone, text: body });
    const now = this.clock.now();
    if (result.ok) {
      await this.dataSource.query(
        `UPDATE outreach_message SET state = CASE WHEN state = 'sending' THEN 'sent' ELSE state END, sent_at = coalesce(sent_at, $2),
                gateway_id = $3, recipient = $4, body = $5,
                -- a delivery report may have come first: keep its outcome and reason
                failure_reason = CASE WHEN state = 'sending' THEN NULL ELSE failure_reason END WHERE id = $1`,
        [id, now, result.gatewayId, c.channel === 'sms' ? c.phone : 'webhook', body],
      );
      return null;
    }
    if (!result.retry || finalAttempt) {
      await this.fail(c, result.retry ? `${result.reason}; gave up after the last attempt` : result.reason, !result.retry, c.phone, body);
      return null;
    }
    await this.dataSource.query(`UPDATE outreach_message SET state = 'queued', failure_reason = $2 WHERE id = $1 AND state = 'sending' AND attempts = $3`, [
      id,
      result.reason,
      c.attempts,
    ]);
    return result.reason;
  }

  /**
   * True when this job's claim still stands (not requeued as stale and claimed by another job since);
   * renews it, so the reconciler leaves the message alone for the HTTP call that follows.
   */
  private async renewClaim(c: ClaimedRow): Promise<boolean> {
    const rows = rowsOf(
      await this.dataSource.query(`UPDATE outreach_message SET claimed_at = $3 WHERE id = $1 AND state = 'sending' AND attempts = $2 RETURNING id`, [
        Number(c.id),
        c.attempts,
        this.clock.now(),
      ]),
    );
    return rows.length === 1;
  }

  private async fail(c: ClaimedRow, reason: string, permanent: boolean, recipient: string | null, body: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE outreach_message SET state = 'failed', failure_reason = $2, failure_permanent = $3, failed_at = $4, recipient = coalesce($5, recipient), body = coalesce($6, body)
        WHERE id = $1 AND state = 'sending' AND attempts = $7`,
      [Number(c.id), reason, permanent, this.clock.now(), recipient, body, c.attempts],
    );
  }

  /**
   * A gateway delivery report: sent (or still sending) → delivered or failed, and its audit row in the
   * same transaction. It counts only when the ref's id, resend and token all match: a guessed or forged
   * ref (right id, wrong token) answers { updated: 0 } exactly like a duplicate report, so it tells
   * nothing about which messages exist.
   */
  async report(input: { ref: string; messageId?: string; status: 'DELIVERED' | 'FAILED'; reason?: string }): Promise<{ updated: number }> {
    const ref = parseMessageRef(input.ref);
    if (!ref) throw DomainError.validation('ref', `短信回执的消息编号 ref 格式不对: unknown message reference ${input.ref.slice(0, 80)}`);
    const now = this.clock.now();
    const state = input.status === 'DELIVERED' ? 'delivered' : 'failed';
    const failureReason = state === 'delivered' ? null : `undelivered: ${input.reason ?? 'no reason given'}`;
    return this.dataSource.transaction(async (m) => {
      // lock the message first, so the audit row's before-state is the one this report changed
      const [row]: { id: string; state: string; org_unit_path: string }[] = await m.query(
        `SELECT o.id, o.state, r.org_unit_path FROM outreach_message o JOIN reminder_round r ON r.id = o.round_id
          WHERE o.id = $1 AND o.ref_token = $2::uuid AND o.resends = $3 AND o.state IN ('sending','sent') FOR UPDATE OF o`,
        [ref.id, ref.token, ref.resends],
      );
      if (!row) return { updated: 0 };
      await m.query(
        `UPDATE outreach_message SET state = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN $3::timestamptz END,
                failed_at = CASE WHEN $2 = 'failed' THEN $3::timestamptz END, failure_reason = $4, failure_permanent = false,
                sent_at = coalesce(sent_at, $3), gateway_id = coalesce(gateway_id, $5)
          WHERE id = $1`,
        [ref.id, state, now, failureReason, input.messageId ?? null],
      );
      // actor null = the system (here the SMS gateway, authenticated by the report key); reportedBy says which
      await this.audit.record(m, null, {
        action: 'delivery-report',
        entity: 'outreach_message',
        entityId: ref.id,
        orgUnitPath: row.org_unit_path,
        before: { state: row.state },
        after: { state, resends: ref.resends, gatewayId: input.messageId ?? null, failureReason, reportedBy: 'sms-gateway' },
      });
      return { updated: 1 };
    });
  }

  /**
   * The worker's tick: releases messages held for quiet hours once they end, requeues messages whose
   * worker died mid-send, and closes rounds with nothing left to send. Safe on every replica.
   */
  @Interval(1000)
  async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      await this.reconcileOnce();
    } catch (e) {
      this.logger.warn(`outreach reconcile failed: ${(e as Error).message}`);
    } finally {
      this.reconciling = false;
    }
  }

  /**
   * Rounds resume their unsent messages by themselves: a queued message of a running round (not held for
   * quiet hours) that no deliver job still to run names (an outbox row neither done nor dead) gets a new
   * job. Such a message lost its job (given up on after Redis lost it again and again, see OutboxReconciler);
   * a message is claimed before it is sent, so one named by two jobs is still sent once.
   */
  @Timeout('outreach-resume-startup', 1000)
  @Interval('outreach-resume', RESUME_MS)
  async resume(): Promise<void> {
    try {
      const n = await this.resumeOnce();
      if (n) this.logger.warn(`resumed ${n} queued message(s) of running rounds that no job would send`);
    } catch (e) {
      this.logger.warn(`outreach resume failed: ${(e as Error).message}`);
    }
  }

  /** Answers how many messages got a new deliver job. */
  async resumeOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const orphans: { id: string }[] = await m.query(
        `WITH covered AS (
           SELECT (jsonb_array_elements_text(payload->'messageIds'))::bigint AS id FROM outbox
            WHERE job_name = 'notices.deliver' AND done_at IS NULL AND dead_at IS NULL)
         SELECT o.id FROM outreach_message o JOIN reminder_round r ON r.id = o.round_id
          WHERE r.status = 'running' AND o.state = 'queued' AND o.held_until IS NULL AND o.id NOT IN (SELECT id FROM covered)
          ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
        [RECONCILE_LIMIT],
      );
      await this.enqueueDeliveries(
        m,
        orphans.map((r) => Number(r.id)),
      );
      return orphans.length;
    });
  }

  async reconcileOnce(): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const released: { id: string }[] = rowsOf(
        await m.query(
          `UPDATE outreach_message SET held_until = NULL WHERE id IN (
             SELECT id FROM outreach_message WHERE state = 'queued' AND held_until IS NOT NULL AND held_until <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
          [now, RECONCILE_LIMIT],
        ),
      );
      const stale: { id: string }[] = rowsOf(
        await m.query(
          `UPDATE outreach_message SET state = 'queued' WHERE id IN (
             SELECT id FROM outreach_message WHERE state = 'sending' AND claimed_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
          [new Date(now.getTime() - STALE_SENDING_MS), RECONCILE_LIMIT],
        ),
      );
      const ids = [...released, ...stale].map((r) => Number(r.id)).sort((a, b) => a - b);
      await this.enqueueDeliveries(m, ids);
      await m.query(
        `UPDATE reminder_round r SET status = 'finished', finished_at = $1
          WHERE status = 'running' AND expanded_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM outreach_message WHERE round_id = r.id AND state IN ('queued','sending'))`,
        [now],
      );
    });
  }
}
