import { BULLETIN_CADENCE_VALUES, BulletinCadenceValue } from '#campaigns';
import { DateTime } from 'luxon';

/** Seed 004: every two weeks; seed 002: monthly and quarterly; seed 003: monthly, quarterly and yearly. */
export type BulletinCadence = BulletinCadenceValue;
export const BULLETIN_CADENCES: readonly BulletinCadence[] = BULLETIN_CADENCE_VALUES;

/** How a bulletin names its cadence (the title: 2026年扩面征缴专项行动月度进度通报). */
export const CADENCE_ZH: Record<BulletinCadence, string> = { biweekly: '双周', monthly: '月度', quarterly: '季度', yearly: '年度' };

/** The campaign's cadences in BULLETIN_CADENCES order, each once, whatever order they were stored in. */
export function orderedCadences(cadences: readonly BulletinCadence[]): BulletinCadence[] {
  return BULLETIN_CADENCES.filter((c) => cadences.includes(c));
}

/**
 * Period ends of one cadence on or before `today`, never after the campaign's end date (the end date itself
 * gets no extra bulletin): biweekly = every 14 days after the start date; monthly = the last day of each month
 * (28 or 29 February); quarterly = 31 Mar, 30 Jun, 30 Sep, 31 Dec; yearly = 31 Dec. A period end before the
 * start date is none. Each period's bulletin is dated to its end, with the figures as of that date.
 */
export function bulletinDatesDue(cadence: BulletinCadence, start: string, end: string, today: string): string[] {
  const last = today < end ? today : end;
  const out: string[] = [];
  const s = DateTime.fromISO(start, { zone: 'UTC' });
  if (cadence === 'biweekly') {
    for (let d = s.plus({ days: 14 }); d.toISODate()! <= last; d = d.plus({ days: 14 })) out.push(d.toISODate()!);
    return out;
  }
  const every = cadence === 'monthly' ? 1 : cadence === 'quarterly' ? 3 : 12;
  for (let m = s.startOf('month'); ; m = m.plus({ months: 1 })) {
    const eom = m.endOf('month');
    if (eom.month % every !== 0) continue;
    const iso = eom.toISODate()!;
    if (iso > last) break;
    if (iso >= start) out.push(iso);
  }
  return out;
}

/** One bulletin due: its cadence and the end of its period. */
export interface BulletinDue {
  cadence: BulletinCadence;
  periodEnd: string;
}

/** Every period end of every cadence due by `today` (see bulletinDatesDue), by date, then in BULLETIN_CADENCES order. */
export function bulletinsDue(cadences: readonly BulletinCadence[], start: string, end: string, today: string): BulletinDue[] {
  const out = orderedCadences(cadences).flatMap((cadence) => bulletinDatesDue(cadence, start, end, today).map((periodEnd) => ({ cadence, periodEnd })));
  return out.sort((a, b) =>
    a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : BULLETIN_CADENCES.indexOf(a.cadence) - BULLETIN_CADENCES.indexOf(b.cadence),
  );
}

/**
 * The period a bulletin dated `date` belongs to, named by its end: the first period end on or after the date;
 * after the cadence's last period end (or where the cadence has none in the campaign), the campaign's end.
 * A bulletin the office issues early takes its period, so the schedule does not issue that period again.
 */
export function periodEndFor(cadence: BulletinCadence, start: string, end: string, date: string): string {
  return bulletinDatesDue(cadence, start, end, end).find((d) => d >= date) ?? end;
}
