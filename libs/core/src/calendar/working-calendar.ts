// Issue 20 point 1: China's working days. A date is a working day on Monday to Friday unless the State Council's
// yearly notice gives it off (放假), and on a Saturday or Sunday only when that notice makes it a make-up working
// day (调休上班). Years the data does not cover fall back to plain weekends (known: false).

/** How a period is counted: calendar days (seed 004: 自然日) or working days. */
export const DAY_UNITS = ['natural', 'working'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** What a date is: an ordinary working day, an ordinary weekend, an official day off, or a make-up working day. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  working: boolean;
  /** The holiday a day off or a make-up day belongs to (春节, 国庆节 ...). */
  name: string | null;
}

/** One year's official arrangement: dates off and make-up working days, each with its holiday's name. */
export interface CalendarYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  /** Where the year comes from, and whether it was checked against the official notice. */
  source: string;
  confirmed: boolean;
}

export interface CalendarYearInfo {
  year: number;
  source: string;
  confirmed: boolean;
}

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD date as whole days since 1970-01-01 (integer arithmetic: the rules loop over many days). */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
  if (!m || !Number.isInteger(n) || isoOf(n) !== date) throw new Error(`invalid date ${date}`);
  return n;
}

function isoOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
function weekdayOf(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** Never more than this many days searched for a working day (the longest break is 10 days). */
const MAX_SEARCH = 60;

export class WorkingCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly workdays = new Map<string, string>();
  private readonly offDays = new Set<number>();
  private readonly makeupDays = new Set<number>();

  constructor(private readonly yearData: ReadonlyMap<number, CalendarYear>) {
    for (const y of yearData.values()) {
      for (const [d, n] of Object.entries(y.holidays)) this.holidays.set(d, n);
      for (const [d, n] of Object.entries(y.workdays)) this.workdays.set(d, n);
    }
    for (const d of this.holidays.keys()) this.offDays.add(dayNumber(d));
    for (const d of this.workdays.keys()) this.makeupDays.add(dayNumber(d));
  }

  /** The years the calendar holds an official arrangement for, oldest first. */
  years(): CalendarYearInfo[] {
    return [...this.yearData.entries()].sort(([a], [b]) => a - b).map(([year, y]) => ({ year, source: y.source, confirmed: y.confirmed }));
  }

  /** Whether the official arrangement of the date's year is known (else only weekends count). */
  knows(date: string): boolean {
    return this.yearData.has(Number(date.slice(0, 4)));
  }

  day(date: string): CalendarDay {
    const wd = weekdayOf(dayNumber(date));
    const off = this.holidays.get(date);
    if (off) return { date, kind: 'holiday', working: false, name: off };
    const makeup = this.workdays.get(date);
    if (makeup) return { date, kind: 'makeup', working: true, name: makeup };
    return wd >= 6 ? { date, kind: 'weekend', working: false, name: null } : { date, kind: 'workday', working: true, name: null };
  }

  isWorkingDay(date: string): boolean {
    return this.working(dayNumber(date));
  }

  /** The date itself when it is a working day, else the last working day before it (a reminder moves there). */
  workingDayOnOrBefore(date: string): string {
    return this.search(date, -1);
  }

  /** The date itself when it is a working day, else the first working day after it. */
  workingDayOnOrAfter(date: string): string {
    return this.search(date, 1);
  }

  /** The n-th working day after the date (n > 0) or before it (n < 0); n = 0 is the date itself. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new Error(`working days must be whole: ${n}`);
    const step = n < 0 ? -1 : 1;
    let d = dayNumber(date);
    for (let left = Math.abs(n); left > 0;) {
      d += step;
      if (this.working(d)) left--;
    }
    return isoOf(d);
  }

  /** The date n days after another, counted in natural days or working days. */
  addPeriod(date: string, n: number, unit: DayUnit): string {
    return unit === 'working' ? this.addWorkingDays(date, n) : isoOf(dayNumber(date) + n);
  }

  /** Working days after `from` up to and including `to` (0 when to <= from). */
  workingDaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = dayNumber(from) + 1, end = dayNumber(to); d <= end; d++) if (this.working(d)) n++;
    return n;
  }

  /** Every date from..to (inclusive) that is not an ordinary weekday or weekend: official days off and make-up days. */
  specialDays(from: string, to: string): CalendarDay[] {
    const out: CalendarDay[] = [];
    for (const d of [...this.holidays.keys(), ...this.workdays.keys()].sort()) if (d >= from && d <= to) out.push(this.day(d));
    return out;
  }

  private working(n: number): boolean {
    if (this.offDays.has(n)) return false;
    return this.makeupDays.has(n) || weekdayOf(n) < 6;
  }

  private search(date: string, step: 1 | -1): string {
    let d = dayNumber(date);
    for (let i = 0; i <= MAX_SEARCH; i++, d += step) if (this.working(d)) return isoOf(d);
    throw new Error(`no working day within ${MAX_SEARCH} days of ${date}`);
  }
}
