import { addDays, businessInstant } from '#core';

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
