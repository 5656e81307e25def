import { addDays, businessInstant, WorkingCalendar } from '#core';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../settings/settings.defaults';

/** Reminders go out at this wall-clock time (Asia/Shanghai) on their day: the default of the campaign's notices.reminderTime. */
export const REMINDER_TIME = DEFAULT_CAMPAIGN_SETTINGS.notices.reminderTime;

export interface PlannedEvent {
  kind: 'reminder' | 'overdue';
  key: string;
  targetDate: string;
  offsetDays: number;
  dueAt: Date;
}

/**
 * What must happen for a task with this deadline: a reminder `offset` days before the deadline and before each
 * milestone up to the deadline (at `reminderTime`, 09:00 China time by default), and the overdue transition the moment the deadline day is
 * over (00:00 China time the day after). A reminder never falls on a day off (a weekend, 国庆节, a 调休 break): it moves
 * to the working day before (issue 20), and two offsets that land on one day make one reminder (the longer offset's key). Reminders already in the past at planning time are not planned (a task
 * created on 30 Dec gets no "7 days before 31 Mar" reminder); the overdue transition is always planned.
 */
export function planDeadlineEvents(
  deadline: string,
  deadlineVersion: number,
  milestones: string[],
  offsets: number[],
  now: Date,
  reminderTime: string,
  calendar: WorkingCalendar,
): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  const targets: { what: 'deadline' | 'milestone'; date: string }[] = [
    { what: 'deadline', date: deadline },
    ...[...new Set(milestones)]
      .filter((m) => m < deadline)
      .sort()
      .map((date) => ({ what: 'milestone' as const, date })),
  ];
  for (const t of targets) {
    const days = new Set<string>();
    for (const o of [...new Set(offsets)].filter((x) => Number.isInteger(x) && x > 0).sort((a, b) => b - a)) {
      const day = calendar.workingDayOnOrBefore(addDays(t.date, -o));
      if (days.has(day)) continue;
      days.add(day);
      const dueAt = businessInstant(day, reminderTime);
      if (dueAt.getTime() <= now.getTime()) continue;
      out.push({ kind: 'reminder', key: `reminder-${t.what}-${t.date}-${o}-v${deadlineVersion}`, targetDate: t.date, offsetDays: o, dueAt });
    }
  }
  out.push({
    kind: 'overdue',
    key: `overdue-${deadline}-v${deadlineVersion}`,
    targetDate: deadline,
    offsetDays: 0,
    dueAt: businessInstant(addDays(deadline, 1)),
  });
  return out;
}
