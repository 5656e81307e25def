// Rectification deadlines (限期改正): when the assignee is reminded and when a case is overdue.
import { addDays, businessInstant } from '#core';

interface Calendar {
  workingDayOnOrBefore(date: string): string;
}

/** The day the assignee is reminded of a deadline: N days before it, or the working day before that when it is a day off (issue 20). */
export function rectificationReminderOn(deadline: string, reminderDays: number, calendar: Calendar): string {
  return calendar.workingDayOnOrBefore(addDays(deadline, -reminderDays));
}

/** The two instants a rectification deadline is checked at: the reminder (on rectificationReminderOn, at the reminder time) and the overdue (start of the day after). */
export function rectificationCheckTimes(
  deadline: string,
  reminderDays: number,
  reminderTime: string,
  calendar: Calendar,
): { reminderAt: Date; overdueAt: Date } {
  return {
    reminderAt: businessInstant(rectificationReminderOn(deadline, reminderDays, calendar), reminderTime),
    overdueAt: businessInstant(addDays(deadline, 1)),
  };
}

export type RectificationStep = 'overdue' | 'remind' | 'none';

/**
 * What a sweep on `today` does with an open case's deadline: from the day after it, mark it overdue unless
 * it is marked already; from `reminderDays` before it, remind the assignee (if any); otherwise nothing.
 */
export function rectificationStep(c: {
  today: string;
  deadline: string;
  overdueAt: Date | null;
  assigneeId: number | null;
  reminderDays: number;
  /** The reminder day by the working calendar (rectificationReminderOn); without it, reminderDays before the deadline. */
  reminderOn?: string;
}): RectificationStep {
  if (c.today > c.deadline) return c.overdueAt ? 'none' : 'overdue';
  if (c.assigneeId && c.today >= (c.reminderOn ?? addDays(c.deadline, -c.reminderDays))) return 'remind';
  return 'none';
}
