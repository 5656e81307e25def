import { expectedOn } from './campaign-progress';
import { elapsedRate } from './expected-rate';
import { percent1 } from './rollup';
import type { Exact } from './exact';

const frac = (r: Exact) => `${r.num}/${r.den}`;

describe('序时进度 without milestones: calendar days elapsed from the start to the deadline, both counted', () => {
  // 2026 has 365 days: N = 365
  it('counts the start day as the first day and reaches 100 % on the deadline', () => {
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2026-01-01'))).toBe('1/365');
    expect(percent1(elapsedRate('2026-01-01', '2026-12-31', '2026-01-01'))).toBe('0.3');
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2026-12-30'))).toBe('364/365');
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2026-12-31'))).toBe('1/1');
  });
  it('is 0 before the start and 100 % after the deadline', () => {
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2025-12-31'))).toBe('0/1');
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2027-03-01'))).toBe('1/1');
  });
  it('walks month ends by calendar days (31 Jan = 31, 28 Feb = 59, 30 Jun = 181 of 365)', () => {
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2026-01-31'))).toBe('31/365');
    expect(percent1(elapsedRate('2026-01-01', '2026-12-31', '2026-01-31'))).toBe('8.5');
    // 59/365 = 0.161643...
    expect(frac(elapsedRate('2026-01-01', '2026-12-31', '2026-02-28'))).toBe('59/365');
    expect(percent1(elapsedRate('2026-01-01', '2026-12-31', '2026-02-28'))).toBe('16.2');
    // 181/365 = 0.495890...
    expect(percent1(elapsedRate('2026-01-01', '2026-12-31', '2026-06-30'))).toBe('49.6');
  });
  it('counts 29 February in a leap year (2028 has 366 days)', () => {
    // 29 Feb is day 31 + 29 = 60: 60/366 = 10/61 = 0.163934... -> 16.4
    expect(frac(elapsedRate('2028-01-01', '2028-12-31', '2028-02-29'))).toBe('10/61');
    expect(percent1(elapsedRate('2028-01-01', '2028-12-31', '2028-02-29'))).toBe('16.4');
    // 1 Mar is day 61: 61/366 = 1/6
    expect(frac(elapsedRate('2028-01-01', '2028-12-31', '2028-03-01'))).toBe('1/6');
    // a February period: 1..29 Feb 2028 is 29 days, the 15th is 15/29; the 28th is not yet the end
    expect(frac(elapsedRate('2028-02-01', '2028-02-29', '2028-02-15'))).toBe('15/29');
    expect(frac(elapsedRate('2028-02-01', '2028-02-29', '2028-02-28'))).toBe('28/29');
    expect(frac(elapsedRate('2028-02-01', '2028-02-29', '2028-02-29'))).toBe('1/1');
  });
  it('spans a year end: 16 Nov 2026 -> 15 Feb 2027 is 92 days, 31 Dec is day 46 (one half)', () => {
    expect(frac(elapsedRate('2026-11-16', '2027-02-15', '2026-12-31'))).toBe('1/2');
  });
  it('a one-day period is done on its day', () => {
    expect(frac(elapsedRate('2026-05-10', '2026-05-10', '2026-05-10'))).toBe('1/1');
    expect(frac(elapsedRate('2026-05-10', '2026-05-10', '2026-05-09'))).toBe('0/1');
  });
});

describe('expectedOn: milestones when the campaign has them, else elapsed days to the deadline', () => {
  const base = { startsOn: '2026-01-01', endsOn: '2026-12-31', settings: { milestoneMode: 'step' as const } };
  it('without milestones follows the days to the campaign end, or to a task deadline of its own', () => {
    expect(frac(expectedOn({ ...base, milestones: [] }, '2026-06-30'))).toBe('181/365');
    // a task due 30 Jun: 181 days, the 30th of June is 100 %, 31 Mar is day 90 -> 90/181
    expect(frac(expectedOn({ ...base, milestones: [] }, '2026-03-31', '2026-06-30'))).toBe('90/181');
    expect(frac(expectedOn({ ...base, milestones: [] }, '2026-07-01', '2026-06-30'))).toBe('1/1');
  });
  it('with milestones keeps the cumulative milestone (step: 0 before Q1)', () => {
    const milestones = [
      { due: '2026-03-31', rate: '0.25' },
      { due: '2026-12-31', rate: '1' },
    ];
    expect(frac(expectedOn({ ...base, milestones }, '2026-03-30'))).toBe('0/1');
    expect(frac(expectedOn({ ...base, milestones }, '2026-04-01'))).toBe('1/4');
  });
});
