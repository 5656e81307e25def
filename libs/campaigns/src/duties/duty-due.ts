import { addDays } from '#core';
import type { DutyCadence } from './duty-catalogue';

/** When a duty falls due: on `dueOn` (once), or on `dueDay` of every month / of each quarter's last month. */
export interface DutySchedule {
  cadence: DutyCadence;
  /** 1..31 for monthly and quarterly (a day past the month's end means its last day); null for once */
  dueDay: number | null;
  /** YYYY-MM-DD for once; null otherwise */
  dueOn: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The due date in month m (1..12) of year y: dueDay, or the month's last day when the month is shorter. */
function dueIn(y: number, m: number, dueDay: number): string {
  return `${y}-${pad(m)}-${pad(Math.min(dueDay, daysInMonth(y, m)))}`;
}

/**
 * The first due date strictly after `after` (YYYY-MM-DD), or null when none is left (a once duty whose date is
 * not after it). Monthly: dueDay of each month; quarterly: dueDay of March, June, September and December; a
 * dueDay past a month's end falls on its last day (31 → 30 April, 28 or 29 February).
 */
export function nextDueAfter(s: DutySchedule, after: string): string | null {
  if (s.cadence === 'once') return s.dueOn !== null && s.dueOn > after ? s.dueOn : null;
  const day = s.dueDay ?? 1;
  let y = Number(after.slice(0, 4));
  let m = Number(after.slice(5, 7));
  const step = s.cadence === 'monthly' ? 1 : 3;
  if (s.cadence === 'quarterly') m = Math.ceil(m / 3) * 3;
  for (;;) {
    const d = dueIn(y, m, day);
    if (d > after) return d;
    m += step;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
}

/**
 * The due date a duty waits on now: the first after the last one delivered, or, before any delivery, the first on
 * or after the day the duty was given (`since`; a once duty: its date, even one before). Null when nothing is left to deliver.
 */
export function currentDue(s: DutySchedule, since: string, lastDelivered: string | null): string | null {
  if (lastDelivered !== null) return nextDueAfter(s, lastDelivered);
  if (s.cadence === 'once') return s.dueOn;
  return nextDueAfter(s, addDays(since, -1));
}

/** Overdue: the due date waited on is over (today is later) and it has not been delivered. */
export function isOverdue(due: string | null, today: string): boolean {
  return due !== null && due < today;
}
