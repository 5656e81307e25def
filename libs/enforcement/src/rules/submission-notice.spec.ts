import { loadWorkingCalendar } from '#core';
import { cutoffDatesOfMonth, cutoffsInWindow } from './cutoffs';
import { submissionNoticeDelay } from './submission-notice';

const calendar = loadWorkingCalendar();

describe('cutoffs and the working calendar (seed 002, issue 20)', () => {
  it('the cutoffs stay on the 10th, 20th and 30th, days off included', () => {
    // Saturday 10 Oct 2026 (make-up working day), Tuesday 20 Oct, Friday 30 Oct; October 2027: Sunday 10 Oct, Wednesday 20, Saturday 30
    expect(cutoffDatesOfMonth(2026, 10)).toEqual(['2026-10-10', '2026-10-20', '2026-10-30']);
    expect(cutoffDatesOfMonth(2027, 2)).toEqual(['2027-02-10', '2027-02-20', '2027-02-28']);
    // 20 Sep 2026 is a make-up Sunday, 30 Sep a Wednesday: both stay; 10 Oct 2027 (a Sunday) stays as well
    expect(cutoffsInWindow({ window: { from: '2027-10-01', to: '2027-10-31' }, time: '17:00' }).map((c) => c.date)).toEqual([
      '2027-10-10',
      '2027-10-20',
      '2027-10-30',
    ]);
  });

  it('the submission notice waits for the next working day only when the setting says so', () => {
    // 10 Feb 2027 lies in the Spring Festival break (5–12 Feb off, 13–14 weekend): the notice goes on Monday 15 Feb, 09:00 China
    expect(submissionNoticeDelay('2027-02-10', true, calendar, '09:00')).toEqual({ on: '2027-02-15', at: new Date('2027-02-15T01:00:00Z') });
    expect(submissionNoticeDelay('2027-02-10', false, calendar, '09:00')).toBeNull();
    // Sunday 28 Feb 2027 (February's third cutoff) → Monday 1 Mar
    expect(submissionNoticeDelay('2027-02-28', true, calendar, '08:30')?.on).toBe('2027-03-01');
    // Saturday 10 Oct 2026 is a make-up working day: at once
    expect(submissionNoticeDelay('2026-10-10', true, calendar, '09:00')).toBeNull();
    // Saturday 20 Feb 2027 is a make-up working day (file year): at once; Saturday 30 Oct 2027 → Monday 1 Nov
    expect(submissionNoticeDelay('2027-02-20', true, calendar, '09:00')).toBeNull();
    expect(submissionNoticeDelay('2027-10-30', true, calendar, '09:00')?.on).toBe('2027-11-01');
    // Sunday 10 Oct 2027 → Monday 11 Oct
    expect(submissionNoticeDelay('2027-10-10', true, calendar, '09:00')?.on).toBe('2027-10-11');
  });
});
