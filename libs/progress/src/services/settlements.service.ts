import { CampaignReader } from '#campaigns';
import { AuditService, AuthUser, Clock, DomainError, ErrorCode, isIsoDate, JOB_IDS, OutboxService, Page, pageOf, Role, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadCampaign } from './campaign-context';
import { SettlementLineQuery, SettlementListQuery } from '../dto/progress.dto';
import { SettlementRepository } from '../repositories/settlement.repository';
import { SettlementCalculator } from './settlement-calculator';
import { settlementTotals } from '../rules/settlement';
import { settlementWorkbook } from '../exports/settlement-xlsx';
import { SettlementLine, SettlementView } from '../dto/settlement.types';
import { progressError } from '../progress.errors';

/** Rewards and penalties (DOMAIN.md section 9): per task subtree and period, stored once, frozen once confirmed. */
@Injectable()
export class SettlementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly campaigns: CampaignReader,
    private readonly settlements: SettlementRepository,
    private readonly calculator: SettlementCalculator,
  ) {}

  /**
   * Count tasks of active campaigns whose deadline has passed and that have no settlement for it yet, at
   * every level: a task is settled with its parent's subtree when it shares the parent's deadline, and on
   * its own (its subtree, itself included) when the allocation gave it a deadline of its own.
   */
  async enqueueDue(): Promise<number> {
    const candidates = await this.campaigns.countTasksDue(this.ds, this.clock.today());
    const settled = await this.settlements.settledPeriods(
      this.ds,
      candidates.map((t) => t.id),
    );
    const due = candidates.filter((t) => !settled.has(`${t.id} ${t.deadline}`));
    if (due.length) {
      await this.ds.transaction((m) =>
        this.outbox.enqueueMany(
          m,
          due.map((t) => ({
            name: 'progress.settle' as const,
            payload: { taskId: t.id, period: t.deadline, asOf: t.deadline },
            opts: { jobId: JOB_IDS.settle(t.id, t.deadline) },
          })),
        ),
      );
    }
    return due.length;
  }

  /** On demand by the office: settles now (or returns the existing settlement for that period, never recomputing it). */
  async create(user: AuthUser, taskId: number, asOf?: string): Promise<SettlementView> {
    const t = await this.campaigns.task(this.ds, taskId);
    if (!t) throw DomainError.notFound('task', taskId);
    await this.scope.unitPathInScope(user, t.holderUnitId);
    const today = this.clock.today();
    const d = asOf ?? (t.deadline < today ? t.deadline : today);
    if (!isIsoDate(d)) throw DomainError.validation('asOf', '须为日期，格式 YYYY-MM-DD（must be a date written YYYY-MM-DD）');
    if (d > today) throw DomainError.validation('asOf', '不能晚于今天（must not be in the future）');
    const id = await this.ds.transaction((m) => this.settle(m, taskId, d, d, user));
    return this.get(user, id);
  }

  /**
   * Computes and stores the settlement of a task's subtree (see SettlementCalculator.computeLines) unless
   * one exists for the period. Returns its id.
   */
  async settle(m: EntityManager, taskId: number, period: string, asOf: string, actor: AuthUser | null): Promise<number> {
    const existing = await this.settlements.idFor(m, taskId, period);
    if (existing !== undefined) return existing;
    const t = await this.campaigns.taskKindAndPath(m, taskId);
    if (!t) throw DomainError.notFound('task', taskId);
    if (t.kind !== 'count')
      throw DomainError.validation(
        'taskId',
        '奖励按新增参保人数发放，只有人数类指标可以结算（rewards are paid per new enrolee: only count indicators are settled）',
      );
    const c = await loadCampaign(this.campaigns, m, t.campaign_id);
    const lines = await this.calculator.computeLines(m, taskId, asOf, c.settings.incentives);
    const totals = settlementTotals(lines);
    const id = await this.settlements.insertDraft(m, {
      taskId,
      period,
      asOf,
      settings: c.settings.incentives,
      totals,
      computedAt: this.clock.now(),
      computedBy: actor?.id ?? null,
    });
    if (id === undefined) return (await this.settlements.idFor(m, taskId, period))!;
    await this.settlements.insertLines(m, id, lines);
    await this.audit.record(m, actor, {
      action: 'settlement.compute',
      entity: 'settlement',
      entityId: id,
      orgUnitPath: t.path,
      after: { taskId, period, asOf, ...totals },
    });
    return id;
  }

  /** Recomputes a draft (explicitly, by the office); a confirmed settlement is frozen. */
  async recompute(user: AuthUser, id: number): Promise<SettlementView> {
    await this.ds.transaction(async (m) => {
      const s = await this.lockInScope(m, user, id);
      if (s.state === 'confirmed')
        throw progressError('SETTLEMENT_CONFIRMED', '该结算已确认，不再重新计算（this settlement is confirmed: it is never recomputed）');
      const c = await loadCampaign(this.campaigns, m, s.campaignId);
      const lines = await this.calculator.computeLines(m, s.task_id, s.as_of, c.settings.incentives);
      const totals = settlementTotals(lines);
      await this.settlements.deleteLines(m, id);
      await this.settlements.insertLines(m, id, lines);
      await this.settlements.updateComputed(m, id, c.settings.incentives, totals, this.clock.now(), user.id);
      await this.audit.record(m, user, {
        action: 'settlement.recompute',
        entity: 'settlement',
        entityId: id,
        orgUnitPath: s.path,
        before: s.totals,
        after: totals,
      });
    });
    return this.get(user, id);
  }

  async confirm(user: AuthUser, id: number): Promise<SettlementView> {
    await this.ds.transaction(async (m) => {
      const s = await this.lockInScope(m, user, id);
      if (s.state === 'confirmed') throw progressError('SETTLEMENT_CONFIRMED', '该结算已经确认过了（this settlement is already confirmed）');
      await this.holdPayouts(m, id);
      await this.settlements.confirm(m, id, this.clock.now(), user.id);
      await this.audit.record(m, user, {
        action: 'settlement.confirm',
        entity: 'settlement',
        entityId: id,
        orgUnitPath: s.path,
        before: { state: 'draft' },
        after: { state: 'confirmed' },
      });
    });
    return this.get(user, id);
  }

  /**
   * Each task's line is paid in one confirmed settlement (seed 000: each person mobilised is rewarded once):
   * the lines of this one are entered in settlement_payout, whose key refuses a task already paid elsewhere
   * — its parent settled on demand too, or the same task at another as-of date.
   */
  private async holdPayouts(m: EntityManager, id: number): Promise<void> {
    await this.settlements.enterPayouts(m, id);
    const taken = await this.settlements.paidElsewhere(m, id);
    if (!taken.length) return;
    const names = taken.slice(0, 5).map((t) => `${t.unit}${t.cadre ? `（${t.cadre}）` : ''}：结算 #${t.settlement_id}`);
    throw new DomainError(
      ErrorCode.Conflict,
      `以下 ${taken.length} 条奖惩已在其他已确认的结算中兑现，同一任务只兑现一次：${names.join('；')}${taken.length > 5 ? ' 等' : ''}。` +
        `请只确认其中一份结算 (${taken.length} line(s) already paid in another confirmed settlement)`,
      [],
      { alreadyPaid: taken.map((t) => t.settlement_id) },
    );
  }

  /** The settlement locked, with its task's campaign and its holder unit's path (in the user's scope). */
  private async lockInScope(m: EntityManager, user: AuthUser, id: number) {
    const s = await this.settlements.lock(m, id);
    if (!s) throw DomainError.notFound('settlement', id);
    const t = (await this.campaigns.task(m, s.task_id))!;
    const path = await this.scope.unitPathInScope(user, t.holderUnitId, m);
    return { ...s, campaignId: t.campaignId, path };
  }

  async get(user: AuthUser, id: number): Promise<SettlementView> {
    const s = await this.viewInScope(user, id);
    const lines = await this.settlements.lines(this.ds, id);
    return { ...s, lines };
  }

  /** The settlement without its lines, in the user's scope (404 unknown, 403 outside). */
  summary(user: AuthUser, id: number): Promise<SettlementView> {
    return this.viewInScope(user, id);
  }

  private async viewInScope(user: AuthUser, id: number): Promise<SettlementView> {
    const s = await this.settlements.view(this.ds, id);
    if (!s) throw DomainError.notFound('settlement', id);
    await this.scope.unitPathInScope(user, s.unitId);
    return s;
  }

  /** A page of one settlement's lines, filtered by unit subtree and tier, sorted on the server. */
  async lines(user: AuthUser, id: number, q: SettlementLineQuery): Promise<Page<SettlementLine>> {
    await this.viewInScope(user, id);
    const path = q.unitId === undefined ? null : await this.scope.unitPathInScope(user, q.unitId);
    const f = { path, tier: q.tier ?? null };
    const rows = await this.settlements.linePage(this.ds, id, f, q, q.offset, q.pageSize);
    const n = await this.settlements.lineCount(this.ds, id, f);
    return pageOf(rows, n, q);
  }

  async list(user: AuthUser, q: SettlementListQuery): Promise<Page<SettlementView>> {
    const taskIds = await this.campaigns.taskIdsIn(this.ds, q.campaignId, this.scope.scopeOf(user));
    const rows = await this.settlements.list(this.ds, taskIds, q.state ?? null, q, q.offset, q.pageSize);
    const n = await this.settlements.count(this.ds, taskIds, q.state ?? null);
    return pageOf(rows, n, q);
  }

  async xlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    return settlementWorkbook(await this.get(user, id));
  }
}

export const SETTLEMENT_ROLES = [Role.Office, Role.Leader];
