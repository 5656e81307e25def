import { DateTime } from 'luxon';
import { Exact } from './exact';

/** A cumulative milestone: by `due` (YYYY-MM-DD) this share of the target is due (0.25 = 25 %). */
export interface Milestone {
  due: string;
  rate: string | number;
}

export type MilestoneMode = 'step' | 'linear';

function days(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;
}

/**
 * 序时进度 without milestones: the share of the period's calendar days elapsed by the end of the as-of date, from
 * the period's first day to its deadline, both counted (N = deadline - start + 1 days). A figure as of a date counts
 * that day's work, so the start day is 1/N and the deadline N/N = 100 %; before the start 0, after the deadline 100 %.
 * Dates are business dates (YYYY-MM-DD, Asia/Shanghai, see Clock.today), so no time of day or zone enters here.
 */
export function elapsedRate(start: string, deadline: string, date: string): Exact {
  if (date >= deadline) return Exact.ONE;
  if (date < start) return Exact.ZERO;
  return Exact.of(days(start, date) + 1).div(days(start, deadline) + 1);
}

/**
 * Expected (序时) rate on a date. Step: the last cumulative milestone due on or before the date (0 before
 * the first). Linear: straight line between milestones, starting from 0 on the campaign's start date.
 * Seed 000: Q1 x %, Q2 y %, Q3 z %, Q4 100 %.
 */
export function expectedRate(milestones: Milestone[], date: string, mode: MilestoneMode = 'step', campaignStart?: string): Exact {
  const ms = [...milestones].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  let prevDate = campaignStart ?? null;
  let prevRate = Exact.ZERO;
  for (const m of ms) {
    const rate = Exact.of(m.rate);
    if (m.due <= date) {
      prevDate = m.due;
      prevRate = rate;
      continue;
    }
    if (mode === 'step' || prevDate === null || date < prevDate) return prevRate;
    const span = days(prevDate, m.due);
    if (span <= 0) return prevRate;
    const elapsed = days(prevDate, date);
    return prevRate.add(rate.sub(prevRate).mul(elapsed).div(span));
  }
  return prevRate;
}
