import { currentDue, isOverdue, nextDueAfter } from './duty-due';

describe('duty due dates', () => {
  const monthly = (dueDay: number) => ({ cadence: 'monthly' as const, dueDay, dueOn: null });
  const quarterly = (dueDay: number) => ({ cadence: 'quarterly' as const, dueDay, dueOn: null });

  it('monthly on the 10th: this month when the 10th is still ahead, else next month; over a year end', () => {
    expect(nextDueAfter(monthly(10), '2026-03-09')).toBe('2026-03-10');
    expect(nextDueAfter(monthly(10), '2026-03-10')).toBe('2026-04-10');
    expect(nextDueAfter(monthly(10), '2026-12-15')).toBe('2027-01-10');
  });

  it('monthly on the 31st falls on each month end: 28 Feb, 29 Feb in a leap year, 30 Apr', () => {
    expect(nextDueAfter(monthly(31), '2026-01-31')).toBe('2026-02-28');
    expect(nextDueAfter(monthly(31), '2028-01-31')).toBe('2028-02-29');
    expect(nextDueAfter(monthly(31), '2026-02-28')).toBe('2026-03-31');
    expect(nextDueAfter(monthly(31), '2026-03-31')).toBe('2026-04-30');
    expect(nextDueAfter(monthly(30), '2100-01-31')).toBe('2100-02-28'); // 2100 is not a leap year
    expect(nextDueAfter(monthly(29), '2000-02-01')).toBe('2000-02-29'); // 2000 is
  });

  it('quarterly: the day of March, June, September, December', () => {
    expect(nextDueAfter(quarterly(15), '2026-01-01')).toBe('2026-03-15');
    expect(nextDueAfter(quarterly(15), '2026-03-15')).toBe('2026-06-15');
    expect(nextDueAfter(quarterly(31), '2026-04-01')).toBe('2026-06-30');
    expect(nextDueAfter(quarterly(31), '2026-06-30')).toBe('2026-09-30');
    expect(nextDueAfter(quarterly(31), '2026-10-01')).toBe('2026-12-31');
    expect(nextDueAfter(quarterly(31), '2026-12-31')).toBe('2027-03-31');
  });

  it('once: its date while ahead, then nothing', () => {
    const once = { cadence: 'once' as const, dueDay: null, dueOn: '2026-09-30' };
    expect(nextDueAfter(once, '2026-09-29')).toBe('2026-09-30');
    expect(nextDueAfter(once, '2026-09-30')).toBeNull();
  });

  it('the due waited on: from the day given (inclusive), then after the last delivered', () => {
    expect(currentDue(monthly(10), '2026-03-10', null)).toBe('2026-03-10');
    expect(currentDue(monthly(10), '2026-03-11', null)).toBe('2026-04-10');
    expect(currentDue(monthly(10), '2026-03-01', '2026-03-10')).toBe('2026-04-10');
    expect(currentDue(quarterly(31), '2026-03-01', '2026-03-31')).toBe('2026-06-30');
    const once = { cadence: 'once' as const, dueDay: null, dueOn: '2026-02-01' };
    expect(currentDue(once, '2026-03-01', null)).toBe('2026-02-01'); // given late: due (and overdue) all the same
    expect(currentDue(once, '2026-01-01', '2026-02-01')).toBeNull();
  });

  it('overdue once the due day is over', () => {
    expect(isOverdue('2026-03-10', '2026-03-10')).toBe(false);
    expect(isOverdue('2026-03-10', '2026-03-11')).toBe(true);
    expect(isOverdue(null, '2030-01-01')).toBe(false);
  });
});
