import { cutoffsInWindow } from './cutoffs';
import { escalationWindows } from './escalation-settings';

/**
 * Issue 13 §4: a MM-DD escalation window that wraps the new year gives its cutoffs in every calendar year the
 * campaign spans, clipped to the campaign's dates. The rule (seed 002 "每月分三次（10、20、30日）", DOMAIN §7):
 * the 10th, 20th and 30th of each month, the 30th being the last day in February (28th, 29th in a leap year);
 * a 31-day month still has its third cutoff on the 30th. The window's ends are included, so a window ending
 * 02-28 misses 29 February 2028; a window ending 02-29 means "to the end of February" (the 28th in a common year).
 */
const cutoffDates = (window: { from: string; to: string }, startsOn: string, endsOn: string): string[] =>
  escalationWindows(window, startsOn, endsOn).flatMap((w) => cutoffsInWindow({ window: w, time: '17:00' }).map((c) => c.date));

describe('escalation windows across the new year', () => {
  it('a 2027 campaign with 11-01..02-28 has its January and February cutoffs and its November and December ones', () => {
    // 2026-11-01..2027-02-28 clipped to 2027-01-01..: Jan 10, 20, 30 (31-day month: the 30th); Feb 10, 20, 28 (2027: 28 days)
    // 2027-11-01..2028-02-28 clipped to ..2027-12-31: Nov 10, 20, 30; Dec 10, 20, 30 (not the 31st)
    expect(cutoffDates({ from: '11-01', to: '02-28' }, '2027-01-01', '2027-12-31')).toEqual([
      '2027-01-10',
      '2027-01-20',
      '2027-01-30',
      '2027-02-10',
      '2027-02-20',
      '2027-02-28',
      '2027-11-10',
      '2027-11-20',
      '2027-11-30',
      '2027-12-10',
      '2027-12-20',
      '2027-12-30',
    ]);
  });

  it('a campaign from July to June gets the whole winter once', () => {
    // 2026-07-01..2027-06-30: the 2025 window ends 2026-02-28 (before the start), the 2026 one runs 2026-11-01..2027-02-28,
    // the 2027 one starts 2027-11-01 (after the end)
    expect(cutoffDates({ from: '11-01', to: '02-28' }, '2026-07-01', '2027-06-30')).toEqual([
      '2026-11-10',
      '2026-11-20',
      '2026-11-30',
      '2026-12-10',
      '2026-12-20',
      '2026-12-30',
      '2027-01-10',
      '2027-01-20',
      '2027-01-30',
      '2027-02-10',
      '2027-02-20',
      '2027-02-28',
    ]);
  });

  it('leap February 2028: the 29th is a cutoff only when the window reaches it', () => {
    // campaign 2028-01-15..2028-03-31, window 12-01..02-28: 2027-12-01..2028-02-28 clipped → 2028-01-15..2028-02-28;
    // January 20, 30; February 10, 20 (the 29th lies after 02-28); the 2028-12 window starts after the end
    expect(cutoffDates({ from: '12-01', to: '02-28' }, '2028-01-15', '2028-03-31')).toEqual(['2028-01-20', '2028-01-30', '2028-02-10', '2028-02-20']);
    // to 02-29: 2028-01-15..2028-02-29 → the 29th too
    expect(cutoffDates({ from: '12-01', to: '02-29' }, '2028-01-15', '2028-03-31')).toEqual([
      '2028-01-20',
      '2028-01-30',
      '2028-02-10',
      '2028-02-20',
      '2028-02-29',
    ]);
    // and 02-29 in the common year 2027 is its 28th: 2026-12-01..2027-02-28 clipped to 2027-02-01..
    expect(cutoffDates({ from: '12-01', to: '02-29' }, '2027-02-01', '2027-03-31')).toEqual(['2027-02-10', '2027-02-20', '2027-02-28']);
  });

  it('a window within one year is unchanged: no year before the campaign is looked at', () => {
    expect(cutoffDates({ from: '01-01', to: '01-31' }, '2027-01-01', '2027-12-31')).toEqual(['2027-01-10', '2027-01-20', '2027-01-30']);
  });
});
