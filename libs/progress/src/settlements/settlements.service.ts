import { AuditService, AuthUser, Clock, DomainError, ErrorCode, isIsoDate, JobHandlers, OutboxService, Page, pageOf, Role, tableWorkbook, XlsxFile } from '#core';
import { ScopeService } from '#org';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadCampaign } from '../campaign-context';
import { RollupRepository } from '../dashboard/rollup.repository';
import { SettlementListQuery } from '../dto/progress.dto';
import { Exact } from '../rules/exact';
import { incentiveFor, IncentiveSettings } from '../rules/incentives';
import { completionRate } from '../rules/rollup';

export interface SettlementLine {
  taskId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  cadreUserId: number | null;
  cadreName: string | null;
  target: string;
  /** The line's figure (its subtree's new enrolees): decides the tier. */
  newEnrolees: string;
  /** Those it mobilised itself, not counted on a child task's line: what the reward is paid for (each enrolee once). */
  mobilised: string;
  rate: string | null;
  ratePct: string | null;
  tier: string;
  reward: string;
  deduction: string;
  criticism: boolean;
  talk: boolean;
  admonition: boolean;
  writtenExplanation: boolean;
}

export interface SettlementView {
  id: number;
  taskId: number;
  period: string;
  asOf: string;
  state: 'draft' | 'confirmed';
  settings: IncentiveSettings;
  totals: { reward: string; deduction: string; lines: number };
  computedAt: Date;
  confirmedAt: Date | null;
  lines?: SettlementLine[];
}

interface TaskRow {
  id: number;
  parent_task_id: number | null;
  holder_unit_id: number;
  target: string;
  code: string;
  name: string;
  indicator_id: number;
  /** In the settlement (false: a child task with a deadline of its own, read only to subtract its figure). */
  settled: boolean;
  /** A cadre's share: the cadre, and the cadre's own latest report as of the date. */
  holder_user_id: number | null;
  cadre_name: string | null;
  own_actual: string | null;
}

const TIER_ZH: Record<string, string> = {
  full: '全额奖励',
  partial: '奖励',
  none: '不奖励',
  criticised: '通报批评、约谈',
  zero: '零完成：通报批评、诫勉谈话、书面说明、扣发',
};

/** Rewards and penalties (DOMAIN.md section 9): per task subtree and period, stored once, frozen once confirmed. */
@Injectable()
export class SettlementsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly handlers: JobHandlers,
    private readonly audit: AuditService,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
    private readonly rollups: RollupRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register('progress.settle', async (p) => {
      await this.ds.transaction((m) => this.settle(m, p.taskId, p.period, p.asOf, null));
    });
  }

  /**
   * Count tasks of active campaigns whose deadline has passed and that have no settlement for it yet, at
   * every level: a task is settled with its parent's subtree when it shares the parent's deadline, and on
   * its own (its subtree, itself included) when the allocation gave it a deadline of its own.
   */
  async enqueueDue(): Promise<number> {
    const today = this.clock.today();
    const due: { id: number; deadline: string }[] = await this.ds.query(
      `SELECT t.id, to_char(t.deadline, 'YYYY-MM-DD') AS deadline FROM task t
         JOIN campaign c ON c.id = t.campaign_id JOIN indicator i ON i.id = t.indicator_id
         LEFT JOIN task p ON p.id = t.parent_task_id
        WHERE t.withdrawn_at IS NULL AND c.status = 'active' AND i.kind = 'count' AND t.deadline <= $1
          AND (p.id IS NULL OR p.deadline <> t.deadline)
          AND NOT EXISTS (SELECT 1 FROM settlement s WHERE s.task_id = t.id AND s.period = to_char(t.deadline, 'YYYY-MM-DD'))
        ORDER BY t.id`,
      [today],
    );
    if (due.length) {
      await this.ds.transaction((m) =>
        this.outbox.enqueueMany(
          m,
          due.map((t) => ({
            name: 'progress.settle' as const,
            payload: { taskId: t.id, period: t.deadline, asOf: t.deadline },
            opts: { jobId: `settle-${t.id}-${t.deadline}` },
          })),
        ),
      );
    }
    return due.length;
  }

  /** On demand by the office: settles now (or returns the existing settlement for that period, never recomputing it). */
  async create(user: AuthUser, taskId: number, asOf?: string): Promise<SettlementView> {
    const [t]: { holder_unit_id: number; deadline: string }[] = await this.ds.query(
      `SELECT holder_unit_id, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM task WHERE id = $1`,
      [taskId],
    );
    if (!t) throw DomainError.notFound('task', taskId);
    await this.scope.unitPathInScope(user, t.holder_unit_id);
    const today = this.clock.today();
    const d = asOf ?? (t.deadline < today ? t.deadline : today);
    if (!isIsoDate(d)) throw DomainError.validation('asOf', 'must be a date written YYYY-MM-DD');
    if (d > today) throw DomainError.validation('asOf', 'must not be in the future');
    const id = await this.ds.transaction((m) => this.settle(m, taskId, d, d, user));
    return this.get(user, id);
  }

  /**
   * Computes and stores the settlement of a task's subtree (see computeLines) unless one exists for the
   * period. Returns its id.
   */
  async settle(m: EntityManager, taskId: number, period: string, asOf: string, actor: AuthUser | null): Promise<number> {
    const [existing]: { id: number }[] = await m.query(`SELECT id FROM settlement WHERE task_id = $1 AND period = $2`, [taskId, period]);
    if (existing) return existing.id;
    const [t]: { campaign_id: number; kind: string; path: string }[] = await m.query(
      `SELECT t.campaign_id, i.kind, o.path FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.id = $1`,
      [taskId],
    );
    if (!t) throw DomainError.notFound('task', taskId);
    if (t.kind !== 'count') throw DomainError.validation('taskId', 'rewards are paid per new enrolee: only count indicators are settled');
    const c = await loadCampaign(m, t.campaign_id);
    const lines = await this.computeLines(m, taskId, asOf, c.settings.incentives);
    const totals = {
      reward: lines.reduce((s, l) => s.add(l.reward), Exact.ZERO).toDecimalString(),
      deduction: lines.reduce((s, l) => s.add(l.deduction), Exact.ZERO).toDecimalString(),
      lines: lines.length,
    };
    const [row]: { id: number }[] = await m.query(
      `INSERT INTO settlement (task_id, period, as_of, state, settings, totals, computed_at, computed_by)
       VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7) ON CONFLICT (task_id, period) DO NOTHING RETURNING id`,
      [taskId, period, asOf, JSON.stringify(c.settings.incentives), JSON.stringify(totals), this.clock.now(), actor?.id ?? null],
    );
    if (!row) {
      const [again]: { id: number }[] = await m.query(`SELECT id FROM settlement WHERE task_id = $1 AND period = $2`, [taskId, period]);
      return again.id;
    }
    await this.insertLines(m, row.id, lines);
    await this.audit.record(m, actor, {
      action: 'settlement.compute',
      entity: 'settlement',
      entityId: row.id,
      orgUnitPath: t.path,
      after: { taskId, period, asOf, ...totals },
    });
    return row.id;
  }

  private async insertLines(m: EntityManager, settlementId: number, lines: SettlementLine[]): Promise<void> {
    for (let i = 0; i < lines.length; i += 2000) {
      await m.query(
        `INSERT INTO settlement_line (settlement_id, task_id, unit_id, cadre_user_id, target, new_enrolees, mobilised, rate, tier, reward, deduction, criticism, talk, admonition, written_explanation)
         SELECT $1, l."taskId", l."unitId", l."cadreUserId", l.target, l."newEnrolees", l.mobilised, l.rate, l.tier, l.reward, l.deduction, l.criticism, l.talk, l.admonition, l."writtenExplanation"
           FROM jsonb_to_recordset($2::jsonb) AS l("taskId" int, "unitId" int, "cadreUserId" int, target numeric, "newEnrolees" numeric, mobilised numeric, rate numeric, tier text,
                reward numeric, deduction numeric, criticism boolean, talk boolean, admonition boolean, "writtenExplanation" boolean)`,
        [settlementId, JSON.stringify(lines.slice(i, i + 2000))],
      );
    }
  }

  /**
   * The lines of a settlement: every live task of the settled task's subtree that shares its deadline (a
   * task with a deadline of its own is settled at that deadline, with its own subtree), the settled task
   * itself too unless it is the campaign's own task. A unit's figure is the dashboard's (its subtree's
   * leaf reports and credits as of the date); a cadre's is the cadre's own reports on the cadre's task.
   * The figure decides the tier (the unit's completion rate of its task).
   *
   * Each enrolee is rewarded once (seed 000, 六、奖惩机制: "各单位或个人每动员一人新参保……每个（任务）奖励"
   * — a unit or a person is paid per person it mobilised). A line is paid for `mobilised`: its figure less
   * the figures of its task's live child tasks (child units' tasks, cadres' shares), i.e. the enrolees
   * counted at its own level. So a town is not paid again for its villages' enrolees, nor a village for its
   * cadres'. A child task with a deadline of its own is subtracted too: its enrolees are paid in its own
   * settlement, those it mobilised after its deadline by nobody (seed 000: "在规定的时间内").
   */
  private async computeLines(m: EntityManager, taskId: number, asOf: string, s: IncentiveSettings): Promise<SettlementLine[]> {
    const rows: TaskRow[] = await m.query(
      `WITH RECURSIVE sub AS (
         SELECT id, deadline FROM task WHERE id = $1
         UNION ALL
         SELECT t.id, t.deadline FROM task t JOIN sub ON t.parent_task_id = sub.id
          WHERE t.withdrawn_at IS NULL AND t.deadline = sub.deadline
       ), x AS (
         SELECT id, true AS settled FROM sub
         UNION ALL
         SELECT t.id, false FROM task t JOIN sub ON t.parent_task_id = sub.id WHERE t.withdrawn_at IS NULL AND t.deadline <> sub.deadline
       )
       SELECT t.id, t.parent_task_id, t.holder_unit_id, t.target::text AS target, o.code, o.name, t.indicator_id, x.settled,
              t.holder_user_id, k.display_name AS cadre_name,
              CASE WHEN t.holder_user_id IS NOT NULL THEN
                (SELECT r.actual::text FROM progress_report r WHERE r.task_id = t.id AND r.as_of <= $2::date ORDER BY r.as_of DESC, r.id DESC LIMIT 1) END AS own_actual
         FROM x JOIN task t ON t.id = x.id JOIN org_unit o ON o.id = t.holder_unit_id LEFT JOIN app_user k ON k.id = t.holder_user_id`,
      [taskId, asOf],
    );
    const root = rows.find((r) => r.id === taskId)!;
    const settled = rows
      .filter((r) => r.settled && (r.id !== taskId || root.parent_task_id !== null))
      // by unit code; a unit's own line before its cadres' lines
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : Number(a.holder_user_id !== null) - Number(b.holder_user_id !== null) || a.id - b.id));
    const figures = await this.rollups.unitFigures(root.indicator_id, [...new Set(rows.map((r) => r.holder_unit_id))], asOf, m);
    const figure = (r: TaskRow) => Exact.of((r.holder_user_id !== null ? r.own_actual : figures.get(r.holder_unit_id)?.actual) ?? '0');
    const byChildren = new Map<number, Exact>();
    for (const r of rows) {
      if (r.id !== taskId && r.parent_task_id !== null) byChildren.set(r.parent_task_id, (byChildren.get(r.parent_task_id) ?? Exact.ZERO).add(figure(r)));
    }
    const lines: SettlementLine[] = [];
    for (const r of settled) {
      const actual = figure(r);
      const own = actual.sub(byChildren.get(r.id) ?? Exact.ZERO);
      const mobilised = own.cmp(0) > 0 ? own : Exact.ZERO;
      const target = Exact.of(r.target);
      const rate = completionRate(actual, target);
      const o = incentiveFor(s, actual, target, rate, mobilised);
      lines.push({
        taskId: r.id,
        unitId: r.holder_unit_id,
        unitCode: r.code,
        unitName: r.name,
        cadreUserId: r.holder_user_id,
        cadreName: r.cadre_name,
        target: target.toDecimalString(),
        newEnrolees: actual.toDecimalString(),
        mobilised: mobilised.toDecimalString(),
        rate: rate?.toDecimalString(12) ?? null,
        ratePct: rate === null ? null : rate.mul(100).toFixedHalfUp(1),
        tier: o.tier,
        reward: o.reward.toDecimalString(),
        deduction: o.deduction.toDecimalString(),
        criticism: o.criticism,
        talk: o.talk,
        admonition: o.admonition,
        writtenExplanation: o.writtenExplanation,
      });
    }
    return lines;
  }

  /** Recomputes a draft (explicitly, by the office); a confirmed settlement is frozen. */
  async recompute(user: AuthUser, id: number): Promise<SettlementView> {
    await this.ds.transaction(async (m) => {
      const s = await this.lockInScope(m, user, id);
      if (s.state === 'confirmed') throw DomainError.invalidState('this settlement is confirmed: it is never recomputed');
      const c = await loadCampaign(m, s.campaign_id);
      const lines = await this.computeLines(m, s.task_id, s.as_of, c.settings.incentives);
      const totals = {
        reward: lines.reduce((x, l) => x.add(l.reward), Exact.ZERO).toDecimalString(),
        deduction: lines.reduce((x, l) => x.add(l.deduction), Exact.ZERO).toDecimalString(),
        lines: lines.length,
      };
      await m.query(`DELETE FROM settlement_line WHERE settlement_id = $1`, [id]);
      await this.insertLines(m, id, lines);
      await m.query(`UPDATE settlement SET settings = $2, totals = $3, computed_at = $4, computed_by = $5 WHERE id = $1`, [
        id,
        JSON.stringify(c.settings.incentives),
        JSON.stringify(totals),
        this.clock.now(),
        user.id,
      ]);
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
      if (s.state === 'confirmed') throw DomainError.invalidState('this settlement is already confirmed');
      await this.holdPayouts(m, id);
      await m.query(`UPDATE settlement SET state = 'confirmed', confirmed_at = $2, confirmed_by = $3 WHERE id = $1`, [id, this.clock.now(), user.id]);
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
    await m.query(
      `INSERT INTO settlement_payout (task_id, settlement_id) SELECT DISTINCT task_id, $1::int FROM settlement_line WHERE settlement_id = $1::int ON CONFLICT (task_id) DO NOTHING`,
      [id],
    );
    const taken: { settlement_id: number; unit: string; cadre: string | null }[] = await m.query(
      `SELECT p.settlement_id, o.name AS unit, k.display_name AS cadre
         FROM settlement_line l JOIN settlement_payout p ON p.task_id = l.task_id AND p.settlement_id <> $1
         JOIN org_unit o ON o.id = l.unit_id LEFT JOIN app_user k ON k.id = l.cadre_user_id
        WHERE l.settlement_id = $1 ORDER BY o.code, l.task_id`,
      [id],
    );
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

  private async lockInScope(m: EntityManager, user: AuthUser, id: number) {
    const [s]: { id: number; task_id: number; campaign_id: number; as_of: string; state: string; totals: object; holder_unit_id: number }[] = await m.query(
      `SELECT s.id, s.task_id, t.campaign_id, to_char(s.as_of, 'YYYY-MM-DD') AS as_of, s.state, s.totals, t.holder_unit_id
         FROM settlement s JOIN task t ON t.id = s.task_id WHERE s.id = $1 FOR UPDATE OF s`,
      [id],
    );
    if (!s) throw DomainError.notFound('settlement', id);
    const path = await this.scope.unitPathInScope(user, s.holder_unit_id, m);
    return { ...s, path };
  }

  async get(user: AuthUser, id: number): Promise<SettlementView> {
    const [s]: (SettlementView & { holderUnitId: number })[] = await this.ds.query(
      `SELECT s.id, s.task_id AS "taskId", s.period, to_char(s.as_of, 'YYYY-MM-DD') AS "asOf", s.state, s.settings, s.totals,
              s.computed_at AS "computedAt", s.confirmed_at AS "confirmedAt", t.holder_unit_id AS "holderUnitId"
         FROM settlement s JOIN task t ON t.id = s.task_id WHERE s.id = $1`,
      [id],
    );
    if (!s) throw DomainError.notFound('settlement', id);
    await this.scope.unitPathInScope(user, s.holderUnitId);
    const lines: SettlementLine[] = await this.ds.query(
      `SELECT l.task_id AS "taskId", l.unit_id AS "unitId", o.code AS "unitCode", o.name AS "unitName", l.cadre_user_id AS "cadreUserId",
              u.display_name AS "cadreName", l.target::text AS target, l.new_enrolees::text AS "newEnrolees", l.mobilised::text AS mobilised, l.rate::text AS rate,
              round(l.rate * 100, 1)::text AS "ratePct", l.tier, l.reward::text AS reward, l.deduction::text AS deduction,
              l.criticism, l.talk, l.admonition, l.written_explanation AS "writtenExplanation"
         FROM settlement_line l JOIN org_unit o ON o.id = l.unit_id LEFT JOIN app_user u ON u.id = l.cadre_user_id
        WHERE l.settlement_id = $1 ORDER BY l.id`,
      [id],
    );
    const { holderUnitId: _h, ...view } = s;
    return { ...view, lines };
  }

  async list(user: AuthUser, q: SettlementListQuery): Promise<Page<SettlementView>> {
    const prefix = this.scope.scopePrefix(user);
    const rows: SettlementView[] = await this.ds.query(
      `SELECT s.id, s.task_id AS "taskId", s.period, to_char(s.as_of, 'YYYY-MM-DD') AS "asOf", s.state, s.settings, s.totals,
              s.computed_at AS "computedAt", s.confirmed_at AS "confirmedAt"
         FROM settlement s JOIN task t ON t.id = s.task_id JOIN org_unit o ON o.id = t.holder_unit_id
        WHERE t.campaign_id = $1 AND o.path LIKE $2 ORDER BY s.id DESC OFFSET $3 LIMIT $4`,
      [q.campaignId, `${prefix}%`, q.offset, q.pageSize],
    );
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM settlement s JOIN task t ON t.id = s.task_id JOIN org_unit o ON o.id = t.holder_unit_id WHERE t.campaign_id = $1 AND o.path LIKE $2`,
      [q.campaignId, `${prefix}%`],
    );
    return pageOf(rows, n, q);
  }

  async xlsx(user: AuthUser, id: number): Promise<XlsxFile> {
    const s = await this.get(user, id);
    const yes = (b: boolean) => (b ? '是' : '');
    // 合计 counts each enrolee once: the persons each line is paid for (计奖人数) add up; the lines' figures (新增参保人数) do not
    const mobilised = (s.lines ?? []).reduce((x, l) => x.add(l.mobilised), Exact.ZERO);
    return tableWorkbook(`settlement-${s.id}.xlsx`, [
      {
        name: '奖惩结算',
        title: `奖惩结算（截至 ${s.asOf}，${s.state === 'confirmed' ? '已确认' : '草稿'}）`,
        headers: [
          '单位',
          '干部',
          '任务数',
          '新增参保人数',
          '计奖人数',
          '完成率',
          '档次',
          '奖励（元）',
          '扣发（元）',
          '通报批评',
          '约谈',
          '诫勉谈话',
          '书面说明',
        ],
        rows: [
          ...(s.lines ?? []).map((l) => [
            l.unitName,
            l.cadreName ?? '',
            Number(l.target),
            Number(l.newEnrolees),
            Number(l.mobilised),
            l.ratePct ? `${l.ratePct}%` : '',
            TIER_ZH[l.tier],
            Number(l.reward),
            Number(l.deduction),
            yes(l.criticism),
            yes(l.talk),
            yes(l.admonition),
            yes(l.writtenExplanation),
          ]),
          ['合计', '', null, null, Number(mobilised.toDecimalString()), null, null, Number(s.totals.reward), Number(s.totals.deduction)],
        ],
      },
    ]);
  }
}

export const SETTLEMENT_ROLES = [Role.Office, Role.Leader];
