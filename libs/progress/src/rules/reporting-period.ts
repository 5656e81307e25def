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

/**
 * The period whose reminder is due at `today`: a period's report is due by its last day, and its units that have
 * not reported are reminded on that day. So the current period on its last day, else the one before it (a worker
 * that was down on the last day catches up the next days); null before the campaign's first period has ended.
 * After the campaign's end, its last period.
 */
export function reminderPeriod(cadence: ReportCadence, campaignStart: string, campaignEnd: string, today: string): ReportingPeriod | null {
  const day = min(today, campaignEnd);
  const current = reportingPeriodOn(cadence, campaignStart, campaignEnd, day);
  if (!current) return null;
  if (current.end === today || today > campaignEnd) return current;
  if (current.start === campaignStart) return null;
  return reportingPeriodOn(cadence, campaignStart, campaignEnd, iso(d(current.start).minus({ days: 1 })));
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
