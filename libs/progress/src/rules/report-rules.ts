import { Exact } from './exact';
import { IndicatorKind } from './rollup';

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
  /** True when a report already exists for this task and date (then this one is a correction). */
  sameDateExists: boolean;
}

/**
 * Why a report is refused, as { field, message }, or null when it is acceptable. Reports are cumulative:
 * a value lower than the previous date's needs a reason; a second report for a date is a correction and
 * needs a reason too.
 */
export function reportProblem(r: ReportInput, ctx: ReportContext): { field: string; message: string } | null {
  if (r.asOf > ctx.today) return { field: 'asOf', message: `must not be in the future (today is ${ctx.today})` };
  if (r.asOf < ctx.campaignStart) return { field: 'asOf', message: `must not be before the campaign starts (${ctx.campaignStart})` };
  const actual = Exact.of(r.actual);
  if (actual.cmp(0) < 0) return { field: 'actual', message: 'must not be negative' };
  if (ctx.kind !== 'ratio' && r.denominator != null) return { field: 'denominator', message: 'only a ratio indicator takes a denominator' };
  if (ctx.kind === 'ratio') {
    if (r.denominator == null) return { field: 'denominator', message: 'is required for a ratio indicator' };
    const den = Exact.of(r.denominator);
    if (den.cmp(0) < 0) return { field: 'denominator', message: 'must not be negative' };
    if (actual.cmp(den) > 0) return { field: 'actual', message: 'numerator must not exceed the denominator' };
  }
  const reason = r.reason?.trim();
  if (ctx.sameDateExists && !reason) return { field: 'reason', message: `a report for ${r.asOf} exists: a correction needs a reason` };
  if (ctx.previous && actual.cmp(ctx.previous.actual) < 0 && !reason) {
    return { field: 'actual', message: `is lower than the ${ctx.previous.asOf} value ${ctx.previous.actual}: give a correction reason` };
  }
  return null;
}
