import { BUSINESS_ZONE } from '#core';
import { DateTime } from 'luxon';

// MLPS 2.0 level 3 (GB/T 22239-2019 8.1.4.1 b): end sessions and limit failed logins.
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
export const LOCKOUT_MINUTES = 15;

/** The clerk's message for a locked account: when to try again, in Beijing time (with the date when it is not today). */
export function lockedMessage(lockedUntil: Date, now: Date): string {
  const until = DateTime.fromJSDate(lockedUntil, { zone: BUSINESS_ZONE });
  const today = DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).toISODate();
  const when = until.toISODate() === today ? until.toFormat('HH:mm') : until.toFormat('yyyy-MM-dd HH:mm');
  return `密码连续错误 ${LOCKOUT_FAILURES} 次，账户已锁定 ${LOCKOUT_MINUTES} 分钟，请于 ${when} 后再试（account locked）`;
}
