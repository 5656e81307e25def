import { Exact } from './exact';
import type { IndicatorKind } from '#campaigns';

export interface ReportInput {
  asOf: string;
  actual: string;
  denominator?: string | null;
  reason?: string | null;
}

export interface ReportContext {
  kind: IndicatorKind;
  today: string;
  campaignStart: string;
  /** Latest counted value for the same task on an earlier date (null if none). */
  previous: { asOf: string; actual: string } | null;
  /** Counted value for the same task on the nearest later date (null if none): a backdated report must not exceed it. */
  next?: { asOf: string; actual: string } | null;
  /** The task is split further (live child tasks): its figure is the sum of theirs, so it takes no report. */
  split?: { units: number; cadres: number } | null;
  /** True when a report already exists for this task and date (then this one is a correction). */
  sameDateExists: boolean;
}

/** Why a report is refused: the field at fault, the message in English and the clerk's in Chinese (the API answers `zh (message)`). */
export interface ReportProblem {
  field: string;
  message: string;
  zh: string;
}

/**
 * Why a report is refused, as { field, message, zh }, or null when it is acceptable. Reports are cumulative,
 * so the values of one task never go down from one date to a later one: a value lower than the earlier
 * date's, or higher than a later date's already reported (a backdated report), needs a correction
 * reason; a second report for a date is a correction and needs a reason too. A task split over sub-units
 * or cadres takes no report at all: the rollup would ignore it.
 */
export function reportProblem(r: ReportInput, ctx: ReportContext): ReportProblem | null {
  if (ctx.split && ctx.split.units + ctx.split.cadres > 0) {
    const parts = [
      ctx.split.units ? `${ctx.split.units} sub-unit${ctx.split.units > 1 ? 's' : ''}` : '',
      ctx.split.cadres ? `${ctx.split.cadres} cadre${ctx.split.cadres > 1 ? 's' : ''}` : '',
    ].filter(Boolean);
    const zhParts = [ctx.split.units ? `${ctx.split.units} 个下级单位` : '', ctx.split.cadres ? `${ctx.split.cadres} 名干部` : ''].filter(Boolean);
    return {
      field: 'taskId',
      message: `this task is split over ${parts.join(' and ')}; its figure is the sum of theirs: report on their tasks instead`,
      zh: `该任务已分解到 ${zhParts.join('、')}，完成数为其合计：请在分解后的任务上上报`,
    };
  }
  if (r.asOf > ctx.today) return { field: 'asOf', message: `must not be in the future (today is ${ctx.today})`, zh: `不能晚于今天（${ctx.today}）` };
  if (r.asOf < ctx.campaignStart)
    return { field: 'asOf', message: `must not be before the campaign starts (${ctx.campaignStart})`, zh: `不能早于活动开始日期（${ctx.campaignStart}）` };
  const actual = Exact.of(r.actual);
  if (actual.cmp(0) < 0) return { field: 'actual', message: 'must not be negative', zh: '不能为负数' };
  if (ctx.kind !== 'ratio' && r.denominator != null)
    return { field: 'denominator', message: 'only a ratio indicator takes a denominator', zh: '只有比率类指标填写分母' };
  if (ctx.kind === 'ratio') {
    if (r.denominator == null) return { field: 'denominator', message: 'is required for a ratio indicator', zh: '比率类指标须填写分母' };
    const den = Exact.of(r.denominator);
    if (den.cmp(0) < 0) return { field: 'denominator', message: 'must not be negative', zh: '分母不能为负数' };
    if (actual.cmp(den) > 0) return { field: 'actual', message: 'numerator must not exceed the denominator', zh: '分子不能大于分母' };
  }
  const reason = r.reason?.trim();
  if (ctx.sameDateExists && !reason)
    return { field: 'reason', message: `a report for ${r.asOf} exists: a correction needs a reason`, zh: `${r.asOf} 已有上报，更正须填写原因` };
  if (ctx.previous && actual.cmp(ctx.previous.actual) < 0 && !reason) {
    return {
      field: 'actual',
      message: `is lower than the ${ctx.previous.asOf} value ${ctx.previous.actual}: give a correction reason`,
      zh: `低于 ${ctx.previous.asOf} 的上报数 ${ctx.previous.actual}，须填写更正原因`,
    };
  }
  if (ctx.next && actual.cmp(ctx.next.actual) > 0 && !reason) {
    return {
      field: 'actual',
      message: `is higher than the ${ctx.next.asOf} value ${ctx.next.actual} already reported for a later date (figures are cumulative): give a correction reason`,
      zh: `高于之后 ${ctx.next.asOf} 已上报的 ${ctx.next.actual}（上报数为累计数），须填写更正原因`,
    };
  }
  return null;
}
