import { DateTime } from 'luxon';
import { BUSINESS_ZONE } from '#core';

/** No SMS to the public from 21:00 to 08:00 Asia/Shanghai. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

/** If `at` falls in quiet hours, the instant they end (08:00 Shanghai); otherwise null. */
export function quietUntil(at: Date): Date | null {
  const local = DateTime.fromJSDate(at, { zone: BUSINESS_ZONE });
  if (local.hour >= QUIET_FROM_HOUR) return local.plus({ days: 1 }).set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  if (local.hour < QUIET_UNTIL_HOUR) return local.set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  return null;
}
