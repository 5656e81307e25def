// seed 002 / issue 6: districts report refusing employers on the 10th, 20th and 30th of each month
// (the month's last day in February), at a time of day in China, inside the campaign's escalation window.
import { DateTime } from 'luxon';

export const CUTOFF_ZONE = 'Asia/Shanghai';

export interface EscalationWindow {
  /** First business date (YYYY-MM-DD) on which a cutoff may fall, inclusive. */
  from: string;
  /** Last business date (YYYY-MM-DD) on which a cutoff may fall, inclusive. */
  to: string;
}

export interface CutoffCalendar {
  window: EscalationWindow;
  /** Wall-clock time of day in Asia/Shanghai, HH:mm (default 17:00). */
  time: string;
}

export interface Cutoff {
  /** Business date of the cutoff, YYYY-MM-DD. */
  date: string;
  /** The instant the cutoff happens (date + time in Asia/Shanghai). */
  at: Date;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parseDate(field: string, s: string): DateTime {
  const dt = DATE_RE.test(s) ? DateTime.fromISO(s, { zone: 'UTC' }) : DateTime.invalid('format');
  if (!dt.isValid) throw new Error(`${field}: ${s} is not a date YYYY-MM-DD`);
  return dt;
}

/** The three cutoff dates of a month: the 10th, the 20th, and the 30th (the last day in February). */
export function cutoffDatesOfMonth(year: number, month: number): string[] {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`month ${month} out of range`);
  const last = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' }).daysInMonth!;
  const third = Math.min(30, last);
  return [10, 20, third].map((d) => `${year}-${pad(month)}-${pad(d)}`);
}

/** The instant of a cutoff: the wall-clock time on that business date in Asia/Shanghai (no DST in China). */
export function cutoffInstant(date: string, time: string): Date {
  if (!TIME_RE.test(time)) throw new Error(`time: ${time} is not HH:mm`);
  parseDate('date', date);
  return DateTime.fromISO(`${date}T${time}`, { zone: CUTOFF_ZONE }).toJSDate();
}

/** Every cutoff whose date lies inside the window (both ends included), in order. */
export function cutoffsInWindow(cal: CutoffCalendar): Cutoff[] {
  const from = parseDate('window.from', cal.window.from);
  const to = parseDate('window.to', cal.window.to);
  const out: Cutoff[] = [];
  if (to < from) return out;
  let month = from.startOf('month');
  while (month <= to) {
    for (const date of cutoffDatesOfMonth(month.year, month.month)) {
      if (date >= cal.window.from && date <= cal.window.to) out.push({ date, at: cutoffInstant(date, cal.time) });
    }
    month = month.plus({ months: 1 });
  }
  return out;
}

/**
 * Cutoffs that are due as of `now` (their instant is at or before it) and not yet done. A worker that was
 * down across several cutoffs gets each one back, dated to its own cutoff, oldest first.
 */
export function dueCutoffs(cal: CutoffCalendar, now: Date, done: Iterable<string> = []): Cutoff[] {
  const doneDates = new Set(done);
  return cutoffsInWindow(cal).filter((c) => c.at.getTime() <= now.getTime() && !doneDates.has(c.date));
}

/** The next cutoff strictly after `now`, or null when the window holds no more. */
export function nextCutoff(cal: CutoffCalendar, now: Date): Cutoff | null {
  return cutoffsInWindow(cal).find((c) => c.at.getTime() > now.getTime()) ?? null;
}

/** Whether a business date is a cutoff date inside the window (used to validate a manual trigger). */
export function isCutoffDate(cal: CutoffCalendar, date: string): boolean {
  return cutoffsInWindow(cal).some((c) => c.date === date);
}

/** A cutoff's instant as the clerk reads it: the China wall-clock time, `2026-09-10 17:00`. */
export function cutoffLocalTime(cutoff: Cutoff): string {
  return DateTime.fromJSDate(cutoff.at, { zone: CUTOFF_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}
