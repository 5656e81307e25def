// Issue 13 §5: what a reminder run late (the workers were down across it) still says, or why it says nothing.
import { businessDate } from '#core';
import { DateTime } from 'luxon';

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
