import { Exact } from './exact';
import type { IndicatorKind } from '#campaigns';

export interface ReportInput {
  asOf: string;
  /** The count/amount or a ratio's numerator; absent on a rate-only report. */
  actual?: string | null;
  denominator?: string | null;
  /** A ratio reported as a rate only, in percent (98.5 for 98.5 %): no numerator, no denominator. */
  rate?: string | null;
  reason?: string | null;
}

export interface ReportContext {
  kind: IndicatorKind;
  today: string;
  campaignStart: string;
  /** Latest counted value for the same task on an earlier date (null if none); rateOnly: it carries a rate, no figures. */
  previous: { asOf: string; actual: string; rateOnly?: boolean } | null;
  /** Counted value for the same task on the nearest later date (null if none): a backdated report must not exceed it. */
  next?: { asOf: string; actual: string; rateOnly?: boolean } | null;
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
  if (r.rate != null) return rateOnlyProblem(r, ctx);
  if (r.actual == null) return { field: 'actual', message: 'is required', zh: '须填写完成数（比率类指标也可只填比率）' };
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
  // a rate-only report holds no figures: a count before or after it is not compared with it
  if (ctx.previous && !ctx.previous.rateOnly && actual.cmp(ctx.previous.actual) < 0 && !reason) {
    return {
      field: 'actual',
      message: `is lower than the ${ctx.previous.asOf} value ${ctx.previous.actual}: give a correction reason`,
      zh: `低于 ${ctx.previous.asOf} 的上报数 ${ctx.previous.actual}，须填写更正原因`,
    };
  }
  if (ctx.next && !ctx.next.rateOnly && actual.cmp(ctx.next.actual) > 0 && !reason) {
    return {
      field: 'actual',
      message: `is higher than the ${ctx.next.asOf} value ${ctx.next.actual} already reported for a later date (figures are cumulative): give a correction reason`,
      zh: `高于之后 ${ctx.next.asOf} 已上报的 ${ctx.next.actual}（上报数为累计数），须填写更正原因`,
    };
  }
  return null;
}

/**
 * A report that carries only a rate (issue 17 point 6): a ratio indicator's, between 0 and 100 %, without a numerator or a
 * denominator (one known figure with a rate would make the other up). A rate is not cumulative (the eligible grow too), so
 * it is not compared with the reports of other dates; a second one for a date is still a correction with a reason.
 */
function rateOnlyProblem(r: ReportInput, ctx: ReportContext): ReportProblem | null {
  if (ctx.kind !== 'ratio') return { field: 'rate', message: 'only a ratio indicator is reported as a rate', zh: '只有比率类指标可以按比率填报' };
  if (r.actual != null || r.denominator != null)
    return {
      field: 'rate',
      message: 'a rate is reported alone: give either the rate or the numerator and denominator',
      zh: '按比率填报时不填分子、分母：请只填比率，或只填分子和分母',
    };
  const rate = Exact.of(r.rate!);
  if (rate.cmp(0) < 0 || rate.cmp(100) > 0) return { field: 'rate', message: 'must lie between 0 and 100 (percent)', zh: '比率须在 0 至 100 之间（单位 %）' };
  if (ctx.sameDateExists && !r.reason?.trim())
    return { field: 'reason', message: `a report for ${r.asOf} exists: a correction needs a reason`, zh: `${r.asOf} 已有上报，更正须填写原因` };
  return null;
}
