// Rectification deadlines (限期改正): when the assignee is reminded and when a case is overdue.
import { addDays, businessInstant } from '#core';

/** The two instants a rectification deadline is checked at: the reminder (N days before, at the reminder time) and the overdue (start of the day after). */
export function rectificationCheckTimes(deadline: string, reminderDays: number, reminderTime: string): { reminderAt: Date; overdueAt: Date } {
  return { reminderAt: businessInstant(addDays(deadline, -reminderDays), reminderTime), overdueAt: businessInstant(addDays(deadline, 1)) };
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
}): RectificationStep {
  if (c.today > c.deadline) return c.overdueAt ? 'none' : 'overdue';
  if (c.assigneeId && c.today >= addDays(c.deadline, -c.reminderDays)) return 'remind';
  return 'none';
}
