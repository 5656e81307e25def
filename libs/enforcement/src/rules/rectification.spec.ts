import { loadWorkingCalendar } from '#core';
import { outcomeEvent } from './case-outcome';
import { rectificationCheckTimes, rectificationReminderOn, rectificationStep } from './rectification';

const calendar = loadWorkingCalendar();

describe('rectification deadlines', () => {
  it('checks at 09:00 China time N days before the deadline and at the start of the day after it', () => {
    // deadline 2026-09-30, 3 days before = 2026-09-27 (中秋, 25–27 Sep off) → Thursday 24 Sep 09:00 (UTC+8) = 01:00Z;
    // the day after = 2026-10-01 00:00 (UTC+8) = 2026-09-30T16:00Z
    const t = rectificationCheckTimes('2026-09-30', 3, '09:00', calendar);
    expect(t.reminderAt.toISOString()).toBe('2026-09-24T01:00:00.000Z');
    // deadline 2026-10-15, 3 days before = Monday 12 Oct: a working day, kept
    expect(rectificationCheckTimes('2026-10-15', 3, '09:00', calendar).reminderAt.toISOString()).toBe('2026-10-12T01:00:00.000Z');
    expect(t.overdueAt.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  const c = { deadline: '2026-09-30', overdueAt: null, assigneeId: 7, reminderDays: 3 };

  it('reminds the assignee from N days before the deadline up to the deadline itself', () => {
    expect(rectificationStep({ ...c, today: '2026-09-26' })).toBe('none');
    expect(rectificationStep({ ...c, today: '2026-09-27' })).toBe('remind');
    expect(rectificationStep({ ...c, today: '2026-09-30' })).toBe('remind');
    expect(rectificationStep({ ...c, today: '2026-09-28', assigneeId: null })).toBe('none');
  });

  it('marks the case overdue from the day after, once', () => {
    expect(rectificationStep({ ...c, today: '2026-10-01' })).toBe('overdue');
    expect(rectificationStep({ ...c, today: '2026-10-01', assigneeId: null })).toBe('overdue');
    expect(rectificationStep({ ...c, today: '2026-10-05', overdueAt: new Date('2026-09-30T16:00:00Z') })).toBe('none');
  });

  it('the sweep reminds from the working day before when N days before is a day off', () => {
    const on = rectificationReminderOn('2026-09-30', 3, calendar);
    expect(on).toBe('2026-09-24');
    expect(rectificationStep({ ...c, today: '2026-09-23', reminderOn: on })).toBe('none');
    expect(rectificationStep({ ...c, today: '2026-09-24', reminderOn: on })).toBe('remind');
  });

  it('the default rectification period counts natural or working days (inspection.dayUnit)', () => {
    const order = { kind: 'rectification_ordered' as const };
    // Wednesday 30 Sep 2026 + 15 natural days = 15 Oct; + 15 working days: 8, 9, 10 (make-up Saturday), 12–16, 19–23, 26, 27 Oct = 27 Oct
    expect(outcomeEvent(order, '2026-09-30', 15).deadline).toBe('2026-10-15');
    expect(outcomeEvent(order, '2026-09-30', 15, (d, n) => calendar.addPeriod(d, n, 'working')).deadline).toBe('2026-10-27');
  });
});
