// Issue 20 point 2: where each task is headed. At the pace so far (linear from the campaign's start) and at the pace
// of the last four weeks (the trend), what the figure will be at the deadline and on which day the target is reached;
// a task "will miss" when the trend falls short (the recent pace is what the unit is doing now); and the pace it
// would need from today, per day, per week and per working day.
import { DateTime } from 'luxon';
import { Exact } from './exact';

/** The trend looks back this many days: the last four weeks of reports. */
export const TREND_DAYS = 28;

export const FORECAST_STATUSES = ['no_plan', 'met', 'not_started', 'no_reports', 'too_early', 'on_pace', 'will_miss', 'deadline_passed'] as const;
export type ForecastStatus = (typeof FORECAST_STATUSES)[number];

export interface ForecastInput {
  /** The first day counted (the campaign's start), the deadline, and the as-of day: YYYY-MM-DD business dates. */
  start: string;
  deadline: string;
  today: string;
  /** The task's target (a count or an amount; a ratio's target in %); null: no plan. */
  target: string | null;
  /** The cumulative figure as of today (a ratio's rate in %, null without a denominator). */
  actual: string | null;
  /** The same figure as of today - 28 days (0 before the start; null for a ratio without a figure then). */
  actualTrendStart: string | null;
  /** Ratios have no known figure at the start, so only the trend forecasts them. */
  ratio: boolean;
  /** Whether any report counts for the task by today. */
  hasReports: boolean;
  /** Working days after today up to the deadline (the working calendar's count). */
  remainingWorkingDays: number;
}

export interface Pace {
  /** Per day, two decimals. */
  perDay: string;
  /** The figure at the deadline at this pace, two decimals. */
  projected: string;
  /** The day the target is reached at this pace (null: never at this pace, or already met). */
  reachOn: string | null;
}

export interface Forecast {
  status: ForecastStatus;
  willMiss: boolean;
  /** Days and working days after today up to the deadline (0 once it has passed). */
  remainingDays: number;
  remainingWorkingDays: number;
  /** Since the start (null for ratios: no figure at the start, and before the start). */
  linear: Pace | null;
  /** Over the last four weeks (or since the start when shorter); null for a ratio without a figure four weeks ago. */
  trend: (Pace & { windowDays: number }) | null;
  /** target - actual when short, two decimals; null when met or without a plan. */
  shortfall: string | null;
  /** The pace needed from today to reach the target by the deadline (null when met, without a plan, or past the deadline). */
  needed: { perDay: string; perWeek: string; perWorkingDay: string | null } | null;
}

const day = (s: string) => DateTime.fromISO(s, { zone: 'UTC' });
const daysBetween = (from: string, to: string) => Math.round(day(to).diff(day(from), 'days').days);
const plus = (s: string, n: number) => day(s).plus({ days: n }).toISODate()!;

/** The smallest whole n with n >= q (q > 0). */
function ceil(q: Exact): number {
  const whole = Math.floor(q.toNumber());
  return q.cmp(whole) > 0 ? whole + 1 : whole;
}

function pace(perDay: Exact, actual: Exact, target: Exact, today: string, remaining: number): Pace {
  const projected = actual.add(perDay.mul(remaining));
  const left = target.sub(actual);
  const reachOn = left.isPositive() && perDay.isPositive() ? plus(today, ceil(left.div(perDay))) : null;
  return { perDay: perDay.toFixedHalfUp(2), projected: projected.toFixedHalfUp(2), reachOn };
}

export function forecast(f: ForecastInput): Forecast {
  const remainingDays = Math.max(0, daysBetween(f.today, f.deadline));
  const remainingWorkingDays = f.today >= f.deadline ? 0 : f.remainingWorkingDays;
  const base = { remainingDays, remainingWorkingDays, linear: null, trend: null, shortfall: null, needed: null };
  if (f.target === null) return { ...base, status: 'no_plan', willMiss: false };
  const target = Exact.of(f.target);
  const actual = Exact.of(f.actual ?? 0);
  if (f.actual !== null && actual.cmp(target) >= 0) return { ...base, status: 'met', willMiss: false };
  const left = target.sub(actual);
  const shortfall = left.toFixedHalfUp(2);
  if (f.today > f.deadline) return { ...base, shortfall, status: 'deadline_passed', willMiss: true };
  // the as-of day's work counts, so the needed pace spreads over the days after today, and over today itself on the deadline
  const spread = Math.max(1, remainingDays);
  const needed = {
    perDay: left.div(spread).toFixedHalfUp(2),
    perWeek: left.mul(7).div(spread).toFixedHalfUp(2),
    perWorkingDay: remainingWorkingDays > 0 ? left.div(remainingWorkingDays).toFixedHalfUp(2) : null,
  };
  if (f.today < f.start) return { ...base, shortfall, needed, status: 'not_started', willMiss: false };
  // the start day is day 1 (as in the expected rate)
  const elapsed = daysBetween(f.start, f.today) + 1;
  const linear = f.ratio ? null : pace(actual.div(elapsed), actual, target, f.today, remainingDays);
  const windowDays = Math.min(TREND_DAYS, elapsed);
  const from = windowDays < TREND_DAYS ? (f.ratio ? null : '0') : f.actualTrendStart;
  const trend = from === null || f.actual === null ? null : { ...pace(actual.sub(from).div(windowDays), actual, target, f.today, remainingDays), windowDays };
  const common = { ...base, shortfall, needed, linear, trend };
  if (!f.hasReports) return { ...common, status: 'no_reports', willMiss: true };
  // a ratio in its first four weeks, or without a figure four weeks ago, has no pace yet: not called on pace
  if (!trend && !linear) return { ...common, status: 'too_early', willMiss: false };
  const willMiss = trend ? Exact.of(trend.projected).cmp(target) < 0 : linear ? Exact.of(linear.projected).cmp(target) < 0 : false;
  return { ...common, status: willMiss ? 'will_miss' : 'on_pace', willMiss };
}
