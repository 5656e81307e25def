import { addDays, businessDate, businessInstant } from '#core';
import { DateTime } from 'luxon';

/** Reminders go out at this wall-clock time (Asia/Shanghai) on their day. */
export const REMINDER_TIME = '09:00';

export interface PlannedEvent {
  kind: 'reminder' | 'overdue';
  key: string;
  targetDate: string;
  offsetDays: number;
  dueAt: Date;
}

/**
 * What must happen for a task with this deadline: a reminder `offset` days before the deadline and before each
 * milestone up to the deadline (at 09:00 China time), and the overdue transition the moment the deadline day is
 * over (00:00 China time the day after). Reminders already in the past at planning time are not planned (a task
 * created on 30 Dec gets no "7 days before 31 Mar" reminder); the overdue transition is always planned.
 */
export function planDeadlineEvents(deadline: string, deadlineVersion: number, milestones: string[], offsets: number[], now: Date): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  const targets: { what: 'deadline' | 'milestone'; date: string }[] = [
    { what: 'deadline', date: deadline },
    ...[...new Set(milestones)]
      .filter((m) => m < deadline)
      .sort()
      .map((date) => ({ what: 'milestone' as const, date })),
  ];
  for (const t of targets) {
    for (const o of [...new Set(offsets)].filter((x) => Number.isInteger(x) && x > 0).sort((a, b) => b - a)) {
      const dueAt = businessInstant(addDays(t.date, -o), REMINDER_TIME);
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

/** Why a due reminder is recorded without being sent (task_deadline_event.skip_reason). */
export type ReminderSkip = 'passed' | 'superseded' | 'met';

/**
 * What a due reminder says when it runs at `now`, maybe late (issue 13 §5: workers down across it). Its date
 * (`targetDate`, the deadline or milestone) is over once that China day has ended:
 * - the date is over: skipped as 'passed' (a "还有7天" after the overdue notice is untrue);
 * - a later reminder for the same date is due as well (`laterDue`): skipped as 'superseded', that one speaks;
 * - else it is sent, with the days truly left from today (China) to the date: 0 on the day itself.
 * On time, the days left are its planned offset (a reminder 3 days before says 3).
 */
export function dueReminder(targetDate: string, now: Date, laterDue: boolean): { skip: ReminderSkip } | { daysLeft: number } {
  const today = businessDate(now);
  if (today > targetDate) return { skip: 'passed' };
  if (laterDue) return { skip: 'superseded' };
  return { daysLeft: DateTime.fromISO(targetDate, { zone: 'UTC' }).diff(DateTime.fromISO(today, { zone: 'UTC' }), 'days').days };
}

/** "距完成时限 2026-12-31还有2天", or "完成时限 2026-12-31就在今天" on the day: the reminder's words for its true days left. */
export function daysLeftText(what: string, daysLeft: number): string {
  return daysLeft > 0 ? `距${what}还有${daysLeft}天` : `${what}就在今天`;
}
