import { DateTime } from 'luxon';
import { BUSINESS_ZONE } from '#core';

/** No message to the public in this window, Asia/Shanghai, HH:MM each (a campaign's notices.quietFrom / quietUntil). */
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
