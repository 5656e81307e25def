import { CampaignReader, SettlementTaskRecord } from '#campaigns';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProgressReportRepository } from '../repositories/progress-report.repository';
import { RollupRepository } from '../repositories/rollup.repository';
import { Exact } from '../rules/exact';
import { incentiveFor, IncentiveSettings } from '../rules/incentives';
import { completionRate } from '../rules/rollup';
import { mobilisedOf } from '../rules/settlement';
import { SettlementLine } from '../dto/settlement.types';

/** A task of the settled subtree; a cadre's share with the cadre's own latest report as of the date. */
type TaskRow = SettlementTaskRecord & { own_actual: string | null };

/** Computes a settlement's lines (DOMAIN.md section 9) from the task tree, the rollup and the cadres' reports. */
@Injectable()
export class SettlementCalculator {
  constructor(
    private readonly campaigns: CampaignReader,
    private readonly rollups: RollupRepository,
    private readonly reports: ProgressReportRepository,
  ) {}

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
  async computeLines(m: EntityManager, taskId: number, asOf: string, s: IncentiveSettings): Promise<SettlementLine[]> {
    const tasks = await this.campaigns.subtreeForSettlement(m, taskId);
    const own = await this.reports.latestActualAsOf(
      m,
      tasks.filter((t) => t.holder_user_id !== null).map((t) => t.id),
      asOf,
    );
    const rows: TaskRow[] = tasks.map((t) => ({ ...t, own_actual: t.holder_user_id !== null ? (own.get(t.id) ?? null) : null }));
    const root = rows.find((r) => r.id === taskId)!;
    const settled = rows
      // a task without a plan (target null, seed 002 annex 5) earns no reward and no penalty: it has no line
      .filter((r) => r.settled && r.target !== null && (r.id !== taskId || root.parent_task_id !== null))
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
      const mobilised = mobilisedOf(actual, byChildren.get(r.id) ?? Exact.ZERO);
      const target = Exact.of(r.target!);
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
}
