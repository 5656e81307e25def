// Where the working calendar's data comes from: the chinese-days package (official arrangements it ships, up to
// 2026 in v1.5.7) and a JSON file that adds years or replaces them (CALENDAR_FILE, default
// config/working-calendar.json), so that a new year's notice is entered without a release.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { CalendarYear, WorkingCalendar } from './working-calendar';

/** The shipped file, relative to the working directory (the repository, or /app in the image). */
export const DEFAULT_CALENDAR_FILE = 'config/working-calendar.json';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** chinese-days' entries read "Spring Festival,春节,4": the Chinese name is the second part. */
function chineseName(entry: string): string {
  return entry.split(',')[1] || entry;
}

/** Every year chinese-days knows, by year. */
export function chineseDaysYears(): Map<number, CalendarYear> {
  const json = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const out = new Map<number, CalendarYear>();
  const year = (d: string) => {
    const y = Number(d.slice(0, 4));
    if (!out.has(y)) out.set(y, { holidays: {}, workdays: {}, source: 'chinese-days', confirmed: true });
    return out.get(y)!;
  };
  for (const [d, e] of Object.entries(json.holidays)) year(d).holidays[d] = chineseName(e);
  for (const [d, e] of Object.entries(json.workdays)) year(d).workdays[d] = chineseName(e);
  return out;
}

export class CalendarFileError extends Error {}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}

/** Checks a calendar file's content; throws CalendarFileError with one line naming the entry. */
export function parseCalendarFile(text: string, file = 'calendar file'): Map<number, CalendarYear> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CalendarFileError(`${file}: not JSON (${(e as Error).message})`);
  }
  const years = (json as { years?: unknown })?.years;
  if (!years || typeof years !== 'object') throw new CalendarFileError(`${file}: needs an object "years"`);
  const out = new Map<number, CalendarYear>();
  for (const [key, raw] of Object.entries(years as Record<string, unknown>)) {
    if (!/^\d{4}$/.test(key)) throw new CalendarFileError(`${file}: years.${key} is not a year`);
    const y = raw as Partial<CalendarYear>;
    const days = (what: 'holidays' | 'workdays') => {
      const map = y?.[what] ?? {};
      if (typeof map !== 'object') throw new CalendarFileError(`${file}: years.${key}.${what} must be an object`);
      for (const [d, name] of Object.entries(map)) {
        if (!isDate(d) || !d.startsWith(key)) throw new CalendarFileError(`${file}: years.${key}.${what}.${d} is not a date of ${key}`);
        if (typeof name !== 'string' || !name.trim()) throw new CalendarFileError(`${file}: years.${key}.${what}.${d} needs the holiday's name`);
      }
      return map as Record<string, string>;
    };
    const holidays = days('holidays');
    const workdays = days('workdays');
    for (const d of Object.keys(workdays)) {
      if (d in holidays) throw new CalendarFileError(`${file}: years.${key}: ${d} is both a day off and a working day`);
    }
    out.set(Number(key), {
      holidays,
      workdays,
      source: typeof y.source === 'string' && y.source ? y.source : file,
      confirmed: y.confirmed === true,
    });
  }
  return out;
}

/** chinese-days' years, each year of the file (when given) replacing or adding to them. */
export function loadWorkingCalendar(file: string | null = DEFAULT_CALENDAR_FILE): WorkingCalendar {
  const years = chineseDaysYears();
  if (file) {
    const path = resolve(file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new CalendarFileError(`CALENDAR_FILE ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    for (const [y, data] of parseCalendarFile(text, path)) years.set(y, data);
  }
  return new WorkingCalendar(years);
}
