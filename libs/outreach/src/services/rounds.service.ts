import { CampaignReader } from '#campaigns';
import { assertInScope, AuditService, AuthUser, Clock, DomainError, JOB_IDS, maskPhone, OutboxService, Page, pageOf, REPEAT_WINDOW_MS } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoundListQuery, RoundMessagesQuery } from '../dto/outreach.dto';
import { RoundInput, RoundRow, RoundTotals, RoundView, roundView } from '../outreach.types';
import { OutreachMessageRepository } from '../repositories/outreach-message.repository';
import { ReminderRoundRepository } from '../repositories/reminder-round.repository';
import { roundTotals } from '../rules/round-totals';
import { missingRoundValue } from '../rules/round-values';
import { templateVariables } from '../rules/template-rules';
import { DeliveryJobs } from './delivery-jobs.service';
import { TemplatesService } from './templates.service';
import { outreachError } from '../outreach.errors';

/** An office's reminder rounds: planning, listing, starting (or restarting) and resending the failed messages. */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly templates: TemplatesService,
    private readonly rounds: ReminderRoundRepository,
    private readonly messagesRepo: OutreachMessageRepository,
    private readonly campaigns: CampaignReader,
    private readonly deliveries: DeliveryJobs,
  ) {}

  async plan(user: AuthUser, input: RoundInput): Promise<RoundView> {
    return this.dataSource.transaction(async (m) => {
      const path = await this.scope.unitPathInScope(user, input.orgUnitId, m);
      if (!(await this.campaigns.campaign(m, input.campaignId)))
        throw DomainError.validation('campaignId', `扩面任务 ${input.campaignId} 不存在（campaign ${input.campaignId} does not exist）`);
      const kind = input.templateKind ?? `reminder.${input.target}`;
      const template = await this.templates.find(m, kind, path);
      if (!template) throw DomainError.validation('templateKind', `没有类型为 ${kind} 的通知模板，请先设置模板（no template of kind ${kind}）`);
      // every variable the template uses must have a value now, not a blank later
      const missing = missingRoundValue(kind, templateVariables(template.body), input);
      if (missing) throw DomainError.validation(missing.field, missing.message);
      const repeat = await this.samePlanJustMade(m, user, input, kind);
      if (repeat) return roundView(repeat);
      const row = await this.rounds.insert(m, {
        campaignId: input.campaignId,
        name: input.name,
        orgUnitId: input.orgUnitId,
        orgUnitPath: path,
        target: input.target,
        channel: input.channel,
        templateKind: kind,
        plannedFor: input.plannedFor,
        amount: input.amount ?? null,
        deadline: input.deadline ?? null,
        officePhone: input.officePhone ?? null,
        createdBy: user.id,
        createdAt: this.clock.now(),
      });
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
    await this.rounds.lockPlansOf(m, user.id);
    return this.rounds.findRepeat(m, {
      userId: user.id,
      campaignId: input.campaignId,
      orgUnitId: input.orgUnitId,
      target: input.target,
      channel: input.channel,
      templateKind: kind,
      plannedFor: input.plannedFor,
      amount: input.amount ?? null,
      deadline: input.deadline ?? null,
      since: new Date(this.clock.now().getTime() - REPEAT_WINDOW_MS),
      name: input.name,
    });
  }

  private async loadInScope(user: AuthUser, id: number, m: EntityManager, lock = false): Promise<RoundRow> {
    const row = lock ? await this.rounds.findForUpdate(m, id) : await this.rounds.find(m, id);
    if (!row) throw DomainError.notFound('reminder round', id);
    assertInScope(user, row.org_unit_path);
    return row;
  }

  async totals(m: EntityManager, roundId: number): Promise<RoundTotals> {
    return roundTotals(await this.messagesRepo.countByState(m, roundId));
  }

  async get(user: AuthUser, id: number): Promise<RoundView> {
    const row = await this.loadInScope(user, id, this.dataSource.manager);
    return roundView(row, await this.totals(this.dataSource.manager, id));
  }

  async list(user: AuthUser, q: RoundListQuery): Promise<Page<RoundView>> {
    const scope = this.scope.scopeOf(user);
    const db = this.dataSource.manager;
    const rows = await this.rounds.page(db, scope, q.campaignId ?? null, q, q.offset, q.pageSize);
    const n = await this.rounds.count(db, scope, q.campaignId ?? null);
    return pageOf(
      rows.map((r) => roundView(r)),
      n,
      q,
    );
  }

  /**
   * Starts (or restarts) a round: expansion is resumable and messages are unique, so a restart never sends
   * twice. A start within REPEAT_WINDOW_MS of the last one is the same click: it answers the running round.
   */
  async start(user: AuthUser, id: number): Promise<RoundView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.loadInScope(user, id, m, true);
      if (before.status === 'finished')
        throw outreachError(
          'ROUND_FINISHED',
          `提醒轮次 ${id} 已完成，不能再次启动；如需补发，请重发发送失败的消息（reminder round ${id} is finished; resend the failed messages instead）`,
        );
      // a second start within REPEAT_WINDOW_MS is the same click (the row lock above orders them): the round is already starting
      if (before.status === 'running' && (await this.rounds.startedSince(m, id, new Date(this.clock.now().getTime() - REPEAT_WINDOW_MS))))
        return roundView(before);
      return roundView(await this.begin(m, user, before));
    });
  }

  /**
   * Starts a round in the caller's transaction, the round's row locked or just made: running, one more start, its
   * expansion queued through the outbox, audited (actor null: the schedule). Answers the round after.
   */
  async begin(m: EntityManager, user: AuthUser | null, before: RoundRow): Promise<RoundRow> {
    const id = before.id;
    const row = await this.rounds.markStarted(m, id, this.clock.now());
    await this.outbox.enqueue(m, 'notices.round.expand', { roundId: id }, { jobId: JOB_IDS.roundExpand(id, row.starts) });
    // a restart: messages still queued get a fresh job (a message already claimed is not sent again)
    if (before.status === 'running') await this.deliveries.enqueue(m, await this.messagesRepo.queuedIds(m, id));
    await this.audit.record(m, user, {
      action: 'start',
      entity: 'reminder_round',
      entityId: id,
      orgUnitPath: row.org_unit_path,
      before: { status: before.status },
      after: { status: row.status, starts: row.starts },
    });
    return row;
  }

  /** Sends each failed message of the round once more (permanent failures such as an invalid number excepted). */
  async resendFailed(user: AuthUser, id: number): Promise<{ resent: number; permanent: number }> {
    return this.dataSource.transaction(async (m) => {
      const round = await this.loadInScope(user, id, m, true);
      if (round.status === 'planned')
        throw outreachError('ROUND_NOT_STARTED', `提醒轮次 ${id} 尚未开始，没有可重发的消息（reminder round ${id} has not started）`);
      const now = this.clock.now();
      const ids = (await this.messagesRepo.requeueFailed(m, id, now)).sort((a, b) => a - b);
      await this.deliveries.enqueue(m, ids, JOB_IDS.resendPass(now));
      const n = await this.messagesRepo.countPermanentFailures(m, id);
      if (ids.length && round.status === 'finished') await this.rounds.reopen(m, id);
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

  async messages(user: AuthUser, id: number, q: RoundMessagesQuery) {
    const db = this.dataSource.manager;
    await this.loadInScope(user, id, db);
    const rows = await this.messagesRepo.page(db, id, q.state ?? null, q, q.offset, q.pageSize);
    const n = await this.messagesRepo.count(db, id, q.state ?? null);
    const items = rows.map((r) => ({
      id: Number(r.id),
      personId: Number(r.person_id),
      name: r.name,
      phone: r.phone ? maskPhone(r.phone) : null,
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
    return pageOf(items, n, q);
  }
}
