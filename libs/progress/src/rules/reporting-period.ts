import { DateTime } from 'luxon';

/**
 * How often the units holding a campaign's tasks must report (progress.reportCadence). Seed 003: 月度报告 (monthly);
 * seed 004's fortnightly bulletins need fortnightly figures. weekly = calendar weeks Monday to Sunday;
 * biweekly = 14-day blocks from the campaign's start (the days the fortnightly bulletins are dated on start a
 * block); monthly = calendar months. The first and last periods are cut to the campaign's start and end.
 */
export type ReportCadence = 'weekly' | 'biweekly' | 'monthly';

/** A reporting period, both ends inclusive (YYYY-MM-DD business dates). */
export interface ReportingPeriod {
  start: string;
  end: string;
}

const d = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });
const iso = (dt: DateTime) => dt.toISODate()!;
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** The whole period (before cutting to the campaign) that holds `date`. */
function rawPeriod(cadence: ReportCadence, campaignStart: string, date: string): ReportingPeriod {
  const day = d(date);
  if (cadence === 'monthly') return { start: iso(day.startOf('month')), end: iso(day.endOf('month')) };
  if (cadence === 'weekly') return { start: iso(day.startOf('week')), end: iso(day.startOf('week').plus({ days: 6 })) };
  const blocks = Math.floor(day.diff(d(campaignStart), 'days').days / 14);
  const start = d(campaignStart).plus({ days: 14 * blocks });
  return { start: iso(start), end: iso(start.plus({ days: 13 })) };
}

/** The reporting period of a campaign (start..end) that holds `date`; null before the start or after the end. */
export function reportingPeriodOn(cadence: ReportCadence, campaignStart: string, campaignEnd: string, date: string): ReportingPeriod | null {
  if (date < campaignStart || date > campaignEnd) return null;
  const p = rawPeriod(cadence, campaignStart, date);
  return { start: max(p.start, campaignStart), end: min(p.end, campaignEnd) };
}

/** The last day of a period as itself (no working calendar): the day its reminder goes out. */
const ON_LAST_DAY = (p: ReportingPeriod) => p.end;

/**
 * The day a period's reminder goes out by the working calendar (issue 20): its last day, or the last working day
 * before it in the period when that is a day off (a month ending on a Saturday or in 国庆节); a period without a
 * working day (a week inside the Spring Festival break) is reminded on the first working day after it.
 */
export function workingReminderDay(calendar: { workingDayOnOrBefore(d: string): string; workingDayOnOrAfter(d: string): string }, p: ReportingPeriod): string {
  const before = calendar.workingDayOnOrBefore(p.end);
  return before >= p.start ? before : calendar.workingDayOnOrAfter(p.end);
}

/**
 * The period whose reminder is due at `today`: a period's report is due by its last day, and its units that have
 * not reported are reminded on its reminder day (`reminderDayOf`: the last day, or workingReminderDay). So the
 * current period from its reminder day on, else the latest one before it whose day has come (a worker that was
 * down on that day catches up the next days); null before the campaign's first period is due. After the
 * campaign's end, its last period.
 */
export function reminderPeriod(
  cadence: ReportCadence,
  campaignStart: string,
  campaignEnd: string,
  today: string,
  reminderDayOf: (p: ReportingPeriod) => string = ON_LAST_DAY,
): ReportingPeriod | null {
  let p = reportingPeriodOn(cadence, campaignStart, campaignEnd, min(today, campaignEnd));
  if (p && today > campaignEnd) return p;
  while (p && today < reminderDayOf(p)) {
    p = p.start === campaignStart ? null : reportingPeriodOn(cadence, campaignStart, campaignEnd, iso(d(p.start).minus({ days: 1 })));
  }
  return p;
}

/**
 * Days a unit is overdue on `today` when its latest report is dated `lastReportOn` (null: never): counted from the
 * last day of the first period after that report (the campaign's first period if it never reported), 0 while that
 * period has not ended. The first missed period's end is the deadline the unit let pass.
 */
export function daysOverdue(cadence: ReportCadence, campaignStart: string, campaignEnd: string, lastReportOn: string | null, today: string): number {
  const after = lastReportOn ? reportingPeriodOn(cadence, campaignStart, campaignEnd, max(lastReportOn, campaignStart)) : null;
  const firstMissedOn = after ? iso(d(after.end).plus({ days: 1 })) : campaignStart;
  const missed = reportingPeriodOn(cadence, campaignStart, campaignEnd, firstMissedOn);
  if (!missed || missed.end >= today) return 0;
  return Math.round(d(today).diff(d(missed.end), 'days').days);
}
