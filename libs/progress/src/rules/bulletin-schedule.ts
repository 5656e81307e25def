import { DateTime } from 'luxon';

/** Seed 004: every two weeks; seed 002: monthly and quarterly. */
export type BulletinCadence = 'biweekly' | 'monthly' | 'quarterly';
export const BULLETIN_CADENCES: BulletinCadence[] = ['biweekly', 'monthly', 'quarterly'];

/**
 * Bulletin dates of a campaign on or before `today`: biweekly = every 14 days after the start date;
 * monthly = the last day of each month; quarterly = 31 Mar, 30 Jun, 30 Sep, 31 Dec. Never after the
 * campaign's end date (the end date itself gets no extra bulletin).
 */
export function bulletinDatesDue(cadence: BulletinCadence, start: string, end: string, today: string): string[] {
  const last = today < end ? today : end;
  const out: string[] = [];
  const s = DateTime.fromISO(start, { zone: 'UTC' });
  if (cadence === 'biweekly') {
    for (let d = s.plus({ days: 14 }); d.toISODate()! <= last; d = d.plus({ days: 14 })) out.push(d.toISODate()!);
    return out;
  }
  for (let m = s.startOf('month'); ; m = m.plus({ months: 1 })) {
    const eom = m.endOf('month');
    if (cadence === 'quarterly' && eom.month % 3 !== 0) continue;
    const iso = eom.toISODate()!;
    if (iso > last) break;
    if (iso >= start) out.push(iso);
  }
  return out;
}
