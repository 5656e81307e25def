import { forecast, ForecastInput } from './forecast';

// A year's task: 1 Jan to 31 Dec 2026, target 3640, looked at on 1 July.
// Elapsed: 31+28+31+30+31+30 = 181 days to 30 June, + 1 (the start day counts) = 182 days. Remaining: 1 July → 31 Dec = 183 days.
// Four weeks before 1 July: 3 June.
const year: ForecastInput = {
  start: '2026-01-01',
  deadline: '2026-12-31',
  today: '2026-07-01',
  target: '3640',
  actual: null,
  actualTrendStart: null,
  ratio: false,
  hasReports: true,
  remainingWorkingDays: 120,
};

describe('forecast (issue 20 point 2)', () => {
  it('ahead: 2184 done, 1820 four weeks ago', () => {
    const f = forecast({ ...year, actual: '2184', actualTrendStart: '1820' });
    expect(f.status).toBe('on_pace');
    expect(f.willMiss).toBe(false);
    expect(f.remainingDays).toBe(183);
    // linear 2184 / 182 = 12 a day; 2184 + 12 × 183 = 4380; (3640 − 2184) / 12 = 121.33 → 122 days after 1 July = 31 Oct
    expect(f.linear).toEqual({ perDay: '12.00', projected: '4380.00', reachOn: '2026-10-31' });
    // trend (2184 − 1820) / 28 = 13 a day; 2184 + 13 × 183 = 4563; 1456 / 13 = 112 days → 21 Oct
    expect(f.trend).toEqual({ perDay: '13.00', projected: '4563.00', reachOn: '2026-10-21', windowDays: 28 });
    // needed: 1456 / 183 = 7.956 → 7.96 a day; × 7 = 55.694 → 55.69 a week; 1456 / 120 working days = 12.133 → 12.13
    expect(f.shortfall).toBe('1456.00');
    expect(f.needed).toEqual({ perDay: '7.96', perWeek: '55.69', perWorkingDay: '12.13' });
  });

  it('on pace: 1820 done, 1540 four weeks ago', () => {
    const f = forecast({ ...year, actual: '1820', actualTrendStart: '1540' });
    expect(f.status).toBe('on_pace');
    // linear 1820 / 182 = 10; 1820 + 1830 = 3650 ≥ 3640; 1820 / 10 = 182 days → 30 Dec (a day early)
    expect(f.linear).toEqual({ perDay: '10.00', projected: '3650.00', reachOn: '2026-12-30' });
    // trend (1820 − 1540) / 28 = 10: the same
    expect(f.trend).toEqual({ perDay: '10.00', projected: '3650.00', reachOn: '2026-12-30', windowDays: 28 });
    // needed 1820 / 183 = 9.945 → 9.95; 12740 / 183 = 69.617 → 69.62; 1820 / 120 = 15.17
    expect(f.needed).toEqual({ perDay: '9.95', perWeek: '69.62', perWorkingDay: '15.17' });
  });

  it('behind: 1092 done, 980 four weeks ago', () => {
    const f = forecast({ ...year, actual: '1092', actualTrendStart: '980' });
    expect(f.status).toBe('will_miss');
    expect(f.willMiss).toBe(true);
    // linear 1092 / 182 = 6; 1092 + 6 × 183 = 2190; 2548 / 6 = 424.67 → 425 days: 1 Jul 2027 (+365) + 60 = 30 Aug 2027
    expect(f.linear).toEqual({ perDay: '6.00', projected: '2190.00', reachOn: '2027-08-30' });
    // trend 112 / 28 = 4; 1092 + 732 = 1824; 2548 / 4 = 637 days: 1 Jul 2027 (+365), then +272 → 29 Mar 2028 (2028 is a leap year)
    expect(f.trend).toEqual({ perDay: '4.00', projected: '1824.00', reachOn: '2028-03-29', windowDays: 28 });
    // needed 2548 / 183 = 13.923 → 13.92; 17836 / 183 = 97.464 → 97.46; 2548 / 120 = 21.233 → 21.23
    expect(f.shortfall).toBe('2548.00');
    expect(f.needed).toEqual({ perDay: '13.92', perWeek: '97.46', perWorkingDay: '21.23' });
  });

  it('the trend decides: ahead since the start but slowing down will miss', () => {
    // linear 2184 / 182 = 12 → 4380 would make it; the last four weeks added only 28: 1 a day → 2184 + 183 = 2367 < 3640
    const f = forecast({ ...year, actual: '2184', actualTrendStart: '2156' });
    expect(f.linear?.projected).toBe('4380.00');
    expect(f.trend?.projected).toBe('2367.00');
    expect(f.status).toBe('will_miss');
  });

  it('no reports yet: nothing done, will miss, needs the whole target', () => {
    const f = forecast({ ...year, actual: '0', actualTrendStart: '0', hasReports: false });
    expect(f.status).toBe('no_reports');
    expect(f.willMiss).toBe(true);
    expect(f.linear).toEqual({ perDay: '0.00', projected: '0.00', reachOn: null });
    // 3640 / 183 = 19.891 → 19.89; 25480 / 183 = 139.235 → 139.23 (half-up of 139.2349…)
    expect(f.needed).toEqual({ perDay: '19.89', perWeek: '139.23', perWorkingDay: '30.33' });
  });

  it('a zero target is met; no target is no plan', () => {
    expect(forecast({ ...year, target: '0', actual: '0', actualTrendStart: '0' })).toMatchObject({ status: 'met', willMiss: false, needed: null });
    expect(forecast({ ...year, target: null, actual: '5' })).toMatchObject({ status: 'no_plan', willMiss: false });
  });

  it('deadline passed: missed, no pace to ask for', () => {
    const f = forecast({ ...year, today: '2027-01-05', actual: '3000', actualTrendStart: '2900' });
    expect(f).toMatchObject({ status: 'deadline_passed', willMiss: true, shortfall: '640.00', needed: null, remainingDays: 0, remainingWorkingDays: 0 });
    expect(forecast({ ...year, today: '2027-01-05', actual: '3700' }).status).toBe('met');
  });

  it('on the deadline day the rest is needed today; early in the campaign the trend runs from the start', () => {
    expect(forecast({ ...year, today: '2026-12-31', actual: '3600', actualTrendStart: '3400', remainingWorkingDays: 0 }).needed).toEqual({
      perDay: '40.00',
      perWeek: '280.00',
      perWorkingDay: null,
    });
    // 10 January: day 10; 50 done → 5 a day both ways (window 10 days); 355 days left → 50 + 1775 = 1825;
    // 3590 / 5 = 718 days after 10 Jan 2026: 10 Jan 2027 (+365), then 353 of the 355 days left in 2027 → 29 Dec 2027
    const early = forecast({ ...year, today: '2026-01-10', actual: '50', actualTrendStart: null });
    expect(early.trend).toEqual({ perDay: '5.00', projected: '1825.00', reachOn: '2027-12-29', windowDays: 10 });
    expect(early.linear?.projected).toBe('1825.00');
  });

  it('a ratio is forecast by its trend only: 96.0 % now, 95.3 % four weeks ago, target 98.5 %', () => {
    // (96.0 − 95.3) / 28 = 0.025 points a day → 96.0 + 0.025 × 183 = 100.575 → 100.58; 2.5 / 0.025 = 100 days → 9 Oct
    const f = forecast({ ...year, ratio: true, target: '98.5', actual: '96.0', actualTrendStart: '95.3' });
    expect(f.linear).toBeNull();
    expect(f.trend).toEqual({ perDay: '0.03', projected: '100.58', reachOn: '2026-10-09', windowDays: 28 });
    expect(f.status).toBe('on_pace');
  });

  it('a ratio without a figure four weeks ago has no pace: too early, not on pace, not on the will-miss list', () => {
    const f = forecast({ ...year, ratio: true, target: '98.5', actual: '60.0', actualTrendStart: null });
    expect([f.linear, f.trend, f.status, f.willMiss]).toEqual([null, null, 'too_early', false]);
  });
});
