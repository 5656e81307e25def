import { daysLeftText, dueReminder } from './late-reminders';

/** Issue 13 §5: a reminder run late says what is still true, or is skipped. China is UTC+8. */
describe('a due reminder, run on time or late', () => {
  it('is skipped once its date is over, even by a second', () => {
    // deadline 31 Dec 2026 ends at 1 Jan 2027 00:00 China = 31 Dec 16:00 UTC
    expect(dueReminder('2026-12-31', new Date('2027-01-05T02:00:00Z'), false)).toEqual({ skip: 'passed' });
    expect(dueReminder('2026-12-31', new Date('2026-12-31T16:00:00Z'), false)).toEqual({ skip: 'passed' });
    expect(dueReminder('2026-12-31', new Date('2027-01-05T02:00:00Z'), true)).toEqual({ skip: 'passed' });
  });
  it('states the days truly left: 31 Dec - 29 Dec = 2, and 0 on the day itself', () => {
    expect(dueReminder('2026-12-31', new Date('2026-12-29T02:00:00Z'), false)).toEqual({ daysLeft: 2 });
    // 31 Dec 23:59:59 China = 31 Dec 15:59:59 UTC: still the deadline day
    expect(dueReminder('2026-12-31', new Date('2026-12-31T15:59:59Z'), false)).toEqual({ daysLeft: 0 });
    // on time: the 7-day reminder of 31 Dec runs on 24 Dec 09:00 China = 01:00 UTC and says 7
    expect(dueReminder('2026-12-31', new Date('2026-12-24T01:00:00Z'), false)).toEqual({ daysLeft: 7 });
    // across a month end in a leap year: 1 Mar 2028 - 27 Feb 2028 = 3 (the 28th, the 29th, 1 Mar)
    expect(dueReminder('2028-03-01', new Date('2028-02-27T02:00:00Z'), false)).toEqual({ daysLeft: 3 });
  });
  it('gives way to a later reminder for the same date that is due too', () => {
    expect(dueReminder('2026-12-31', new Date('2026-12-29T02:00:00Z'), true)).toEqual({ skip: 'superseded' });
  });
  it('words the days left', () => {
    expect(daysLeftText('完成时限 2026-12-31', 2)).toBe('距完成时限 2026-12-31还有2天');
    expect(daysLeftText('完成时限 2026-12-31', 0)).toBe('完成时限 2026-12-31就在今天');
  });
});
