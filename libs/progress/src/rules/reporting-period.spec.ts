import { loadWorkingCalendar } from '#core';
import { daysOverdue, reminderPeriod, ReportingPeriod, reportingPeriodOn, workingReminderDay } from './reporting-period';

const calendar = loadWorkingCalendar();
const onWorkingDay = (p: ReportingPeriod) => workingReminderDay(calendar, p);

describe('reporting periods (progress.reportCadence)', () => {
  const Y26: [string, string] = ['2026-01-01', '2026-12-31'];

  it('monthly: calendar months, February of 28 and of 29 days, cut to the campaign', () => {
    expect(reportingPeriodOn('monthly', ...Y26, '2026-02-15')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    // 2028 is a leap year: February ends on the 29th
    expect(reportingPeriodOn('monthly', '2028-01-01', '2028-12-31', '2028-02-29')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(reportingPeriodOn('monthly', ...Y26, '2026-04-30')).toEqual({ start: '2026-04-01', end: '2026-04-30' });
    expect(reportingPeriodOn('monthly', ...Y26, '2026-12-31')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    // a campaign from seed 001's main push (16 Mar), ending mid-November: periods cut at both ends
    expect(reportingPeriodOn('monthly', '2026-03-16', '2026-11-15', '2026-03-20')).toEqual({ start: '2026-03-16', end: '2026-03-31' });
    expect(reportingPeriodOn('monthly', '2026-03-16', '2026-11-15', '2026-11-10')).toEqual({ start: '2026-11-01', end: '2026-11-15' });
  });

  it('weekly: Monday to Sunday, across a month and a year end', () => {
    // 2026-03-02 is a Monday
    expect(reportingPeriodOn('weekly', ...Y26, '2026-03-04')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(reportingPeriodOn('weekly', ...Y26, '2026-03-08')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    // 2026-01-01 is a Thursday: its week (29 Dec to 4 Jan) starts at the campaign's start
    expect(reportingPeriodOn('weekly', ...Y26, '2026-01-01')).toEqual({ start: '2026-01-01', end: '2026-01-04' });
    // 2026-12-31 is a Thursday: its week (28 Dec to 3 Jan) ends at the campaign's end
    expect(reportingPeriodOn('weekly', ...Y26, '2026-12-31')).toEqual({ start: '2026-12-28', end: '2026-12-31' });
    // 2026-04-30 (Thu) to 2026-05-03 (Sun): a week across a month end
    expect(reportingPeriodOn('weekly', ...Y26, '2026-05-01')).toEqual({ start: '2026-04-27', end: '2026-05-03' });
  });

  it('biweekly: 14-day blocks from the start, across February in a common and a leap year', () => {
    // blocks from 01-01: 01-01..01-14, 01-15..01-28, 01-29..02-11, 02-12..02-25, 02-26..03-11 (Feb 2026: 28 days)
    expect(reportingPeriodOn('biweekly', ...Y26, '2026-01-14')).toEqual({ start: '2026-01-01', end: '2026-01-14' });
    expect(reportingPeriodOn('biweekly', ...Y26, '2026-01-15')).toEqual({ start: '2026-01-15', end: '2026-01-28' });
    expect(reportingPeriodOn('biweekly', ...Y26, '2026-02-28')).toEqual({ start: '2026-02-26', end: '2026-03-11' });
    // from 2028-02-16: 02-16..02-29 (leap day), 03-01..03-14
    expect(reportingPeriodOn('biweekly', '2028-02-16', '2028-12-31', '2028-02-29')).toEqual({ start: '2028-02-16', end: '2028-02-29' });
    expect(reportingPeriodOn('biweekly', '2028-02-16', '2028-12-31', '2028-03-01')).toEqual({ start: '2028-03-01', end: '2028-03-14' });
    // the last block is cut to the end: 2026-12-17 + 14 = 12-31 starts a block of one day
    expect(reportingPeriodOn('biweekly', ...Y26, '2026-12-31')).toEqual({ start: '2026-12-31', end: '2026-12-31' });
  });

  it('no period before the start or after the end', () => {
    expect(reportingPeriodOn('monthly', ...Y26, '2025-12-31')).toBeNull();
    expect(reportingPeriodOn('weekly', ...Y26, '2027-01-01')).toBeNull();
  });

  it("reminds on a period's last day, catches up after it, and not before the first period has ended", () => {
    expect(reminderPeriod('monthly', ...Y26, '2026-01-30')).toBeNull();
    expect(reminderPeriod('monthly', ...Y26, '2026-01-31')).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    // a worker down on 31 Jan catches up in February, until February's own last day
    expect(reminderPeriod('monthly', ...Y26, '2026-02-01')).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(reminderPeriod('monthly', ...Y26, '2026-02-27')).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(reminderPeriod('monthly', ...Y26, '2026-02-28')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(reminderPeriod('monthly', '2028-01-01', '2028-12-31', '2028-02-28')).toEqual({ start: '2028-01-01', end: '2028-01-31' });
    expect(reminderPeriod('monthly', '2028-01-01', '2028-12-31', '2028-02-29')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    // after the end: the last period
    expect(reminderPeriod('monthly', ...Y26, '2027-01-05')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    // weekly: Sunday 2026-03-08 is the week's last day; Tuesday 03-10 still catches up on it
    expect(reminderPeriod('weekly', ...Y26, '2026-03-08')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(reminderPeriod('weekly', ...Y26, '2026-03-10')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(reminderPeriod('biweekly', ...Y26, '2026-01-20')).toEqual({ start: '2026-01-01', end: '2026-01-14' });
  });

  it('with the working calendar a period ending on a day off is reminded on the working day before', () => {
    // Saturday 31 Jan 2026 → Friday 30 Jan: due from the 30th on
    expect(reminderPeriod('monthly', ...Y26, '2026-01-29', onWorkingDay)).toBeNull();
    expect(reminderPeriod('monthly', ...Y26, '2026-01-30', onWorkingDay)).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    // Saturday 28 Feb 2026 is a make-up working day (春节): February is reminded on the 28th itself, January until then
    expect(reminderPeriod('monthly', ...Y26, '2026-02-27', onWorkingDay)).toEqual({ start: '2026-01-01', end: '2026-01-31' });
    expect(reminderPeriod('monthly', ...Y26, '2026-02-28', onWorkingDay)).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    // weekly: the week of 5–11 Oct 2026 ends on Sunday 11 Oct; Saturday 10 Oct is a make-up working day: reminded then
    expect(reminderPeriod('weekly', ...Y26, '2026-10-09', onWorkingDay)).toEqual({ start: '2026-09-28', end: '2026-10-04' });
    expect(reminderPeriod('weekly', ...Y26, '2026-10-10', onWorkingDay)).toEqual({ start: '2026-10-05', end: '2026-10-11' });
    // the week 28 Sep–4 Oct ends in 国庆节 (1–7 Oct off): reminded on Wednesday 30 Sep
    expect(reminderPeriod('weekly', ...Y26, '2026-09-29', onWorkingDay)).toEqual({ start: '2026-09-21', end: '2026-09-27' });
    expect(reminderPeriod('weekly', ...Y26, '2026-09-30', onWorkingDay)).toEqual({ start: '2026-09-28', end: '2026-10-04' });
    // 2027 (file): the week 8–14 Feb has no working day (5–12 off, 13–14 weekend): reminded on Monday 15 Feb;
    // the week 1–7 Feb ends on a Sunday after 除夕 (5 Feb): reminded on Thursday 4 Feb
    const Y27: [string, string] = ['2027-01-01', '2027-12-31'];
    expect(workingReminderDay(calendar, { start: '2027-02-08', end: '2027-02-14' })).toBe('2027-02-15');
    expect(workingReminderDay(calendar, { start: '2027-02-01', end: '2027-02-07' })).toBe('2027-02-04');
    expect(reminderPeriod('weekly', ...Y27, '2027-02-03', onWorkingDay)).toEqual({ start: '2027-01-25', end: '2027-01-31' });
    expect(reminderPeriod('weekly', ...Y27, '2027-02-04', onWorkingDay)).toEqual({ start: '2027-02-01', end: '2027-02-07' });
    expect(reminderPeriod('weekly', ...Y27, '2027-02-14', onWorkingDay)).toEqual({ start: '2027-02-01', end: '2027-02-07' });
    expect(reminderPeriod('weekly', ...Y27, '2027-02-15', onWorkingDay)).toEqual({ start: '2027-02-08', end: '2027-02-14' });
  });

  it('days overdue: from the end of the first period after the latest report, 0 while it runs', () => {
    // reported in April: May (to 05-31) has not ended on 05-10
    expect(daysOverdue('monthly', ...Y26, '2026-04-30', '2026-05-10')).toBe(0);
    // reported in March: April's deadline 04-30 passed 10 days before 05-10
    expect(daysOverdue('monthly', ...Y26, '2026-03-31', '2026-05-10')).toBe(10);
    // never: January's 01-31 to 05-10 = 28 (Feb) + 31 (Mar) + 30 (Apr) + 10 = 99
    expect(daysOverdue('monthly', ...Y26, null, '2026-05-10')).toBe(99);
    // the same in 2028: 29 (Feb) + 31 + 30 + 10 = 100
    expect(daysOverdue('monthly', '2028-01-01', '2028-12-31', null, '2028-05-10')).toBe(100);
    // weekly: reported Wed 03-04; the next week ended Sun 03-15, 5 days before Fri 03-20
    expect(daysOverdue('weekly', ...Y26, '2026-03-04', '2026-03-20')).toBe(5);
    // on the missed period's last day it is not yet overdue; the day after, 1
    expect(daysOverdue('weekly', ...Y26, '2026-03-04', '2026-03-15')).toBe(0);
    expect(daysOverdue('weekly', ...Y26, '2026-03-04', '2026-03-16')).toBe(1);
  });
});
