import { Exact } from './exact';
import { IndicatorInfo, targetForRate } from './campaign-progress';
import { completionRate, percent1, rollup } from './rollup';
import { progressStatus } from './status';
import { ProgressRow } from '../dto/dashboard.types';

/** A ratio row's value: the rate reported alone (rateOnly, in %), else numerator / denominator (null without a denominator). */
export function ratioValue(r: ProgressRow): Exact | null {
  if (r.rateOnly && r.reportedRate != null) return Exact.of(r.reportedRate).div(100);
  if (r.denominator === null || Exact.of(r.denominator).isZero()) return null;
  return Exact.of(r.actual).div(r.denominator);
}

/** Whether the row's unit holds a plan (a target, 0 included); rows without one are not ranked. */
export function planned(r: ProgressRow): boolean {
  return r.target !== null;
}

/** What a ranking compares besides the rate: a ratio's value (0 without one), a count's actual. */
export function figure(ind: IndicatorInfo, r: ProgressRow): Exact {
  return ind.kind === 'ratio' ? (ratioValue(r) ?? Exact.ZERO) : Exact.of(r.actual);
}

/** A row's completion rate, exact (null without a target, or for a ratio without a denominator or a reported rate). */
export function exactRate(ind: IndicatorInfo, r: ProgressRow): Exact | null {
  const value = ind.kind === 'ratio' ? ratioValue(r) : Exact.of(r.actual);
  return completionRate(value, targetForRate(ind.kind, r.target));
}

/**
 * A unit's figure as the rollup holds it, and what rate-only reports add (issue 17 point 6): `rate` when the unit's own
 * task's report that counts carries only a rate (in %); `rateOnlyBelow`, how many tasks under the row are reported as a
 * rate only and so are left out of its numerator and denominator.
 */
export interface RowCell {
  actual: string;
  denominator: string | null;
  rate?: string | null;
  rateOnlyBelow?: number;
}

/**
 * One line: target of the unit's top task, rolled-up actual, rate, expected rate, gap and status (rank filled by the caller).
 * A unit without a plan (no task, or a task whose target is null: seed 002 annex 5, 汉沽 and 大港) shows its actual with a
 * blank target, rate and gap and the status no_plan.
 */
export function progressRow(
  ind: IndicatorInfo,
  u: { id: number; code: string; name: string },
  task: { taskId: number; target: string | null } | null,
  cell: RowCell | null,
  expected: Exact,
  band: string,
): ProgressRow {
  const up = rollup(ind.kind, cell ? [{ actual: cell.actual, denominator: cell.denominator ?? 0 }] : []);
  const target = task?.target ?? null;
  // a rate reported alone stands for the unit's own value; it never gets a made-up numerator or denominator
  const reportedRate = ind.kind === 'ratio' ? (cell?.rate ?? null) : null;
  const value = reportedRate !== null ? Exact.of(reportedRate).div(100) : up.value;
  const rate = completionRate(value, targetForRate(ind.kind, target));
  const gap = rate === null ? null : rate.sub(expected);
  return {
    unitId: u.id,
    code: u.code,
    name: u.name,
    taskId: task?.taskId ?? null,
    target,
    actual: up.actual.toDecimalString(),
    denominator: ind.kind === 'ratio' ? up.denominator!.toDecimalString() : null,
    value: ind.kind === 'ratio' ? (value?.toNumber() ?? null) : null,
    rateOnly: reportedRate !== null,
    reportedRate,
    rateOnlyBelow: ind.kind === 'ratio' ? (cell?.rateOnlyBelow ?? 0) : 0,
    rate: rate?.toNumber() ?? null,
    ratePct: percent1(rate),
    expectedRate: expected.toNumber(),
    expectedPct: percent1(expected)!,
    gap: gap?.toNumber() ?? null,
    gapPct: gap === null ? null : gap.mul(100).toFixedHalfUp(1),
    status: progressStatus(reportedRate !== null ? Exact.of(reportedRate) : up.actual, rate, expected, band, target !== null),
    rank: null,
  };
}
