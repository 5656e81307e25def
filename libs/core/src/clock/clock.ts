import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';

/** Business time zone: every calendar date in the product is a date in China. */
export const BUSINESS_ZONE = 'Asia/Shanghai';

/** "Now", injected so that tests can move time. Business dates are Asia/Shanghai calendar dates. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
  /** Today's date in Asia/Shanghai as YYYY-MM-DD, whatever the server's TZ. */
  today(): string {
    return businessDate(this.now());
  }
}

/** A clock a test sets and moves by hand. */
export class FakeClock extends Clock {
  constructor(private current: Date = new Date('2026-01-01T00:00:00Z')) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The Asia/Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function businessDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: BUSINESS_ZONE }).toISODate()!;
}

/** The instant of a wall-clock time (HH:mm) on a business date in Asia/Shanghai. */
export function businessInstant(date: string, time = '00:00'): Date {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: BUSINESS_ZONE });
  if (!dt.isValid) throw new Error(`invalid business date/time ${date} ${time}`);
  return dt.toJSDate();
}

/** Adds whole days to a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** True when s is a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}
