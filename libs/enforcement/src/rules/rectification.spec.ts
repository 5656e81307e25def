import { rectificationCheckTimes, rectificationStep } from './rectification';

describe('rectification deadlines', () => {
  it('checks at 09:00 China time N days before the deadline and at the start of the day after it', () => {
    // deadline 2026-09-30, 3 days before = 2026-09-27 09:00 (UTC+8) = 01:00Z; the day after = 2026-10-01 00:00 (UTC+8) = 2026-09-30T16:00Z
    const t = rectificationCheckTimes('2026-09-30', 3, '09:00');
    expect(t.reminderAt.toISOString()).toBe('2026-09-27T01:00:00.000Z');
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
});
