import { Exact } from './exact';
import { IndicatorInfo, targetForRate } from './campaign-progress';
import { completionRate, percent1, rollup } from './rollup';
import { progressStatus } from './status';
import { ProgressRow } from '../dto/dashboard.types';

/** What a ranking compares besides the rate: a ratio's numerator over its denominator (0 without one), a count's actual. */
export function figure(ind: IndicatorInfo, r: ProgressRow): Exact {
  return ind.kind === 'ratio' ? (r.denominator && Number(r.denominator) > 0 ? Exact.of(r.actual).div(r.denominator) : Exact.ZERO) : Exact.of(r.actual);
}

/** Whether the row's unit holds a plan (a target, 0 included); rows without one are not ranked. */
export function planned(r: ProgressRow): boolean {
  return r.target !== null;
}

/** A row's completion rate, exact (null without a target, or for a ratio without a denominator). */
export function exactRate(ind: IndicatorInfo, r: ProgressRow): Exact | null {
  const value = ind.kind === 'ratio' ? (r.denominator && Number(r.denominator) > 0 ? Exact.of(r.actual).div(r.denominator) : null) : Exact.of(r.actual);
  return completionRate(value, targetForRate(ind.kind, r.target));
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
  cell: { actual: string; denominator: string | null } | null,
  expected: Exact,
  band: string,
): ProgressRow {
  const up = rollup(ind.kind, cell ? [{ actual: cell.actual, denominator: cell.denominator ?? 0 }] : []);
  const target = task?.target ?? null;
  const rate = completionRate(up.value, targetForRate(ind.kind, target));
  const gap = rate === null ? null : rate.sub(expected);
  return {
    unitId: u.id,
    code: u.code,
    name: u.name,
    taskId: task?.taskId ?? null,
    target,
    actual: up.actual.toDecimalString(),
    denominator: ind.kind === 'ratio' ? up.denominator!.toDecimalString() : null,
    value: ind.kind === 'ratio' ? (up.value?.toNumber() ?? null) : null,
    rate: rate?.toNumber() ?? null,
    ratePct: percent1(rate),
    expectedRate: expected.toNumber(),
    expectedPct: percent1(expected)!,
    gap: gap?.toNumber() ?? null,
    gapPct: gap === null ? null : gap.mul(100).toFixedHalfUp(1),
    status: progressStatus(up.actual, rate, expected, band, target !== null),
    rank: null,
  };
}
