// Issue 6 / seed 002: the escalation and inspection settings of a campaign as the enforcement rules use them:
// read through the campaigns library's one reader (defaults, validation), windows turned into cutoff calendars.
import { EscalationWindowSetting, readCampaignSettings } from '#campaigns';
import type { DayUnit } from '#core';
import { DateTime } from 'luxon';
import { CutoffCalendar, EscalationWindow } from './cutoffs';

export interface EscalationSettings {
  /** Visits ending in refusal that make an employer a candidate (default 3). */
  refusalThreshold: number;
  /** One cutoff calendar per window falling inside the campaign's dates (a MM-DD window recurs each year). */
  calendars: CutoffCalendar[];
  /** 限期改正: days an inspector gives by default (default 15). */
  rectificationDays: number;
  /** Days before a rectification deadline that the inspector is reminded (default 3). */
  rectificationReminderDays: number;
  /** Days from dispatch to a case's due date until a rectification deadline replaces it (default 30). */
  caseDueDays: number;
  /** How rectificationDays is counted (natural by default: seed 004's 自然日). */
  dayUnit: DayUnit;
  /** A cutoff on a day off: its submission notice waits for the next working day. */
  submissionNoticeOnWorkingDay: boolean;
  /** Time of day (HH:MM) reminders go out: the campaign's notices.reminderTime. */
  reminderTime: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** YYYY-MM-DD of a MM-DD in a year; a day past the month's end (02-29 in 2027) becomes its last day. */
function inYear(year: number, monthDay: string): string {
  const [m, d] = monthDay.split('-').map(Number);
  const last = DateTime.fromObject({ year, month: m, day: 1 }, { zone: 'UTC' }).daysInMonth!;
  return DateTime.fromObject({ year, month: m, day: Math.min(d, last) }, { zone: 'UTC' }).toISODate()!;
}

/**
 * The escalation windows of a campaign running from startsOn to endsOn (YYYY-MM-DD). A window given as
 * MM-DD (the campaigns library stores it so) recurs in every year of the campaign, clipped to its dates;
 * one given as full dates is taken as it is.
 */
export function escalationWindows(w: EscalationWindowSetting, startsOn: string, endsOn: string): EscalationWindow[] {
  if (DATE_RE.test(w.from) && DATE_RE.test(w.to) && DateTime.fromISO(w.from).isValid && DateTime.fromISO(w.to).isValid) return w.from <= w.to ? [w] : [];
  if (!MONTH_DAY_RE.test(w.from) || !MONTH_DAY_RE.test(w.to)) return [];
  const out: EscalationWindow[] = [];
  // A window such as 11-01 to 02-28 wraps the new year: the one opened in the year before the campaign starts
  // reaches into its first January and February, so it is counted from that year (issue 13 §4).
  const wraps = w.from > w.to;
  for (let y = Number(startsOn.slice(0, 4)) - (wraps ? 1 : 0); y <= Number(endsOn.slice(0, 4)); y++) {
    const from = inYear(y, w.from);
    const to = wraps ? inYear(y + 1, w.to) : inYear(y, w.to);
    const clipped = { from: from < startsOn ? startsOn : from, to: to > endsOn ? endsOn : to };
    if (clipped.from <= clipped.to) out.push(clipped);
  }
  return out;
}

/** The escalation and inspection settings of a campaign (settings jsonb as stored) running from startsOn to endsOn. */
export function escalationSettings(settings: unknown, startsOn: string, endsOn: string): EscalationSettings {
  const { escalation, inspection, notices } = readCampaignSettings(settings);
  return {
    refusalThreshold: escalation.refusalThreshold,
    calendars: escalation.windows.flatMap((w) => escalationWindows(w, startsOn, endsOn)).map((window) => ({ window, time: escalation.time })),
    rectificationDays: inspection.rectificationDays,
    rectificationReminderDays: inspection.rectificationReminderDays,
    caseDueDays: inspection.caseDueDays,
    dayUnit: inspection.dayUnit,
    submissionNoticeOnWorkingDay: escalation.submissionNoticeOnWorkingDay,
    reminderTime: notices.reminderTime,
  };
}
