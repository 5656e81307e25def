// Issue 20 / seed 002: the cutoffs stay on the 10th, 20th and 30th whatever the day; only the office's notice of a
// district's submission may wait for the next working day (escalation.submissionNoticeOnWorkingDay).
import { businessInstant } from '#core';

interface Calendar {
  isWorkingDay(date: string): boolean;
  workingDayOnOrAfter(date: string): string;
}

/**
 * When the notice of a submission frozen at the cutoff of `cutoffDate` goes out: null for at once (the setting is
 * off, or the cutoff falls on a working day), else the next working day at `reminderTime` (China), with that day.
 */
export function submissionNoticeDelay(cutoffDate: string, onWorkingDay: boolean, calendar: Calendar, reminderTime: string): { on: string; at: Date } | null {
  if (!onWorkingDay || calendar.isWorkingDay(cutoffDate)) return null;
  const on = calendar.workingDayOnOrAfter(cutoffDate);
  return { on, at: businessInstant(on, reminderTime) };
}
