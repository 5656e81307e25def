import { DateTime } from 'luxon';
import { BUSINESS_ZONE } from '../clock/clock';
import { WorkingCalendar } from './working-calendar';

/**
 * No message in this window, Asia/Shanghai, HH:MM each: to the public (a campaign's notices.quietFrom / quietUntil), and
 * to staff by group robot or SMS (always the default). The one place for the rule.
 */
export interface QuietHours {
  from: string;
  until: string;
}
/** The default: 21:00 to 08:00. */
export const DEFAULT_QUIET_HOURS: QuietHours = { from: '21:00', until: '08:00' };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * If `at` falls in quiet hours, the instant they end; otherwise null. The window may cross midnight
 * (21:00–08:00) or not (12:00–14:00); from = until means none.
 */
export function quietUntil(at: Date, w: QuietHours = DEFAULT_QUIET_HOURS): Date | null {
  const local = DateTime.fromJSDate(at, { zone: BUSINESS_ZONE });
  const from = minutesOf(w.from);
  const until = minutesOf(w.until);
  if (from === until) return null;
  const now = local.hour * 60 + local.minute;
  const end = (plusDays: number) =>
    local
      .plus({ days: plusDays })
      .set({ hour: Math.floor(until / 60), minute: until % 60, second: 0, millisecond: 0 })
      .toJSDate();
  if (from > until) {
    if (now >= from) return end(1);
    if (now < until) return end(0);
    return null;
  }
  return now >= from && now < until ? end(0) : null;
}

/**
 * When a staff notice may go out by group robot or SMS: null for now (a working day, outside the default quiet hours);
 * otherwise the instant the quiet hours end, or, when that falls on a day off, the end of the quiet hours (08:00) on the
 * next working day. An overdue notice filed at 00:00 goes at 08:00; one filed on 1 October (国庆) on the first working
 * day after the holiday.
 */
export function staffSendAt(at: Date, cal: Pick<WorkingCalendar, 'isWorkingDay' | 'workingDayOnOrAfter'>, w: QuietHours = DEFAULT_QUIET_HOURS): Date | null {
  const quiet = quietUntil(at, w);
  const from = quiet ?? at;
  const day = DateTime.fromJSDate(from, { zone: BUSINESS_ZONE }).toISODate()!;
  if (cal.isWorkingDay(day)) return quiet;
  const until = minutesOf(w.from === w.until ? '00:00' : w.until);
  return DateTime.fromISO(cal.workingDayOnOrAfter(day), { zone: BUSINESS_ZONE })
    .set({ hour: Math.floor(until / 60), minute: until % 60 })
    .toJSDate();
}
