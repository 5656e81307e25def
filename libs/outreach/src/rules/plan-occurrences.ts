import { DateTime } from 'luxon';

/** When a reminder plan's rounds fall: explicit dates, or every N months from a first date (until an optional last day). */
export type PlanSchedule = { dates: string[] } | { everyMonths: number; firstOn: string; untilOn?: string | null };

/** "Is this a working day" for the day a round falls on: core's WorkingCalendar in the service, a stub in unit tests. */
export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
}
export const EVERY_DAY_WORKS: WorkingDayCalendar = { isWorkingDay: () => true };

const iso = (d: DateTime) => d.toISODate()!;

/** The plan's dates up to and including `through` (YYYY-MM-DD), ascending, without repeats. */
export function planDates(s: PlanSchedule, through: string): string[] {
  if ('dates' in s) return [...new Set(s.dates)].filter((d) => d <= through).sort();
  const first = DateTime.fromISO(s.firstOn, { zone: 'utc' });
  const last = s.untilOn && s.untilOn < through ? s.untilOn : through;
  const out: string[] = [];
  // each date from the first one (not from the previous): 31 Jan + 1 month is 28 Feb, + 2 months is 31 Mar
  for (let k = 0; ; k++) {
    const d = iso(first.plus({ months: k * s.everyMonths }));
    if (d > last) return out;
    out.push(d);
  }
}

/** A date moved back to the nearest working day on or before it. */
export function onWorkingDay(date: string, cal: WorkingDayCalendar): string {
  let d = DateTime.fromISO(date, { zone: 'utc' });
  for (let i = 0; i < 31 && !cal.isWorkingDay(iso(d)); i++) d = d.minus({ days: 1 });
  return iso(d);
}

/**
 * The one occurrence to start today, if any: the latest plan date on or before `today` that is after the last
 * round the plan made (`lastMade`) and not before the plan was made (`createdOn`). A worker that was down over a
 * date starts that date's round when it comes back, once, on the first working day it is up; when it was down
 * over several, only the latest starts (the older ones would reach the same people again the same day). A round
 * starts only on a working day: on a day off nothing is due.
 */
export function dueOccurrence(
  s: PlanSchedule,
  today: string,
  createdOn: string,
  lastMade: string | null,
  cal: WorkingDayCalendar = EVERY_DAY_WORKS,
): string | null {
  if (!cal.isWorkingDay(today)) return null;
  // a date up to a month ahead may already be due: moved back onto a working day on or before today
  const dates = planDates(s, iso(DateTime.fromISO(today, { zone: 'utc' }).plus({ days: 31 })))
    .map((d) => ({ d, on: onWorkingDay(d, cal) }))
    .filter(({ d, on }) => on <= today && d >= createdOn && (lastMade === null || d > lastMade));
  return dates.length ? dates[dates.length - 1].d : null;
}

/** The next `n` plan dates after `today` (for the console), each as it will be sent (on a working day). */
export function upcomingDates(s: PlanSchedule, today: string, n: number, cal: WorkingDayCalendar = EVERY_DAY_WORKS): string[] {
  const horizon = iso(DateTime.fromISO(today, { zone: 'utc' }).plus({ years: 3 }));
  return planDates(s, horizon)
    .map((d) => onWorkingDay(d, cal))
    .filter((d) => d > today)
    .slice(0, n);
}

/** The round's deadline: its date plus `days` natural days (自然日), or none. */
export function roundDeadline(date: string, days: number | null): string | null {
  return days === null ? null : iso(DateTime.fromISO(date, { zone: 'utc' }).plus({ days }));
}
