import { CalendarFileError, loadWorkingCalendar, parseCalendarFile } from './calendar-data';

// chinese-days for 2026 and the shipped config/working-calendar.json for 2027 (unconfirmed best estimate).
const cal = loadWorkingCalendar();

describe('working calendar 2026 (chinese-days, the 国务院办公厅 notice)', () => {
  it('Spring Festival: 15–23 February off, Saturdays 14 and 28 February are make-up working days', () => {
    expect(cal.day('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'makeup', working: true, name: '春节' });
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'])
      expect(cal.day(d)).toMatchObject({ kind: 'holiday', working: false, name: '春节' });
    expect(cal.day('2026-02-24')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.day('2026-02-28')).toMatchObject({ kind: 'makeup', working: true });
    expect(cal.day('2026-03-01')).toMatchObject({ kind: 'weekend', working: false });
  });

  it('National Day: 1–7 October off, Sunday 20 September and Saturday 10 October are working days', () => {
    expect(cal.day('2026-09-20')).toMatchObject({ kind: 'makeup', working: true, name: '国庆节' });
    expect(cal.day('2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(cal.day('2026-10-07')).toMatchObject({ kind: 'holiday' });
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.day('2026-10-10')).toMatchObject({ kind: 'makeup', working: true });
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('moves a date off work to the working day before, or after', () => {
    // 4 October (holiday) → back over 1–3 October and the ordinary 28–30 September: Wednesday 30 September
    expect(cal.workingDayOnOrBefore('2026-10-04')).toBe('2026-09-30');
    expect(cal.workingDayOnOrAfter('2026-10-04')).toBe('2026-10-08');
    // Saturday 21 February (holiday) → Saturday 14 February is the make-up day before the break
    expect(cal.workingDayOnOrBefore('2026-02-21')).toBe('2026-02-14');
    expect(cal.workingDayOnOrAfter('2026-02-21')).toBe('2026-02-24');
    expect(cal.workingDayOnOrBefore('2026-02-28')).toBe('2026-02-28');
    // an ordinary Sunday goes to the Friday before
    expect(cal.workingDayOnOrBefore('2026-03-08')).toBe('2026-03-06');
  });

  it('counts periods in working days or natural days', () => {
    // 30 September + 3 working days: 8, 9, 10 (make-up Saturday) October
    expect(cal.addPeriod('2026-09-30', 3, 'working')).toBe('2026-10-10');
    expect(cal.addPeriod('2026-09-30', 3, 'natural')).toBe('2026-10-03');
    // 13 February (Friday) + 2 working days: 14 (make-up Saturday), then 24 February after the break
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-24', -2)).toBe('2026-02-13');
    expect(cal.addWorkingDays('2026-02-24', 0)).toBe('2026-02-24');
    // after 19 to 30 September: Sunday 20 (make-up), 21–24 (Friday 25 is 中秋), 28–30 = 1 + 4 + 3 = 8 working days
    expect(cal.workingDaysBetween('2026-09-19', '2026-09-30')).toBe(8);
  });
});

describe('working calendar 2027 (the file: replaces or adds years)', () => {
  it('the shipped 2027 is marked unconfirmed', () => {
    expect(cal.years().find((y) => y.year === 2027)).toMatchObject({ confirmed: false });
    expect(cal.years().find((y) => y.year === 2026)).toMatchObject({ source: 'chinese-days', confirmed: true });
    expect(cal.knows('2027-06-01')).toBe(true);
    expect(cal.knows('2028-06-01')).toBe(false);
  });

  it('Spring Festival from 除夕 5 February: 5–12 February off, Saturdays 30 January and 20 February worked', () => {
    expect(cal.day('2027-01-30')).toMatchObject({ kind: 'makeup', working: true, name: '春节' });
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.day('2027-02-05')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(cal.day('2027-02-12')).toMatchObject({ kind: 'holiday' });
    expect(cal.day('2027-02-13')).toMatchObject({ kind: 'weekend' });
    expect(cal.isWorkingDay('2027-02-15')).toBe(true);
    expect(cal.day('2027-02-20')).toMatchObject({ kind: 'makeup', working: true });
    // a reminder on 10 February goes to Thursday 4 February
    expect(cal.workingDayOnOrBefore('2027-02-10')).toBe('2027-02-04');
    // 4 February + 1 working day: Monday 15 February
    expect(cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-15');
  });

  it('National Day: 1–7 October off, Saturdays 25 September and 9 October worked', () => {
    expect(cal.day('2027-09-25')).toMatchObject({ kind: 'makeup', working: true, name: '国庆节' });
    expect(cal.isWorkingDay('2027-09-26')).toBe(false);
    expect(cal.day('2027-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(cal.isWorkingDay('2027-10-08')).toBe(true);
    expect(cal.day('2027-10-09')).toMatchObject({ kind: 'makeup', working: true });
    // 3 October → back over 1–2 October to Thursday 30 September
    expect(cal.workingDayOnOrBefore('2027-10-03')).toBe('2027-09-30');
    // 30 September + 2 working days: 8 October, then the make-up Saturday 9 October
    expect(cal.addPeriod('2027-09-30', 2, 'working')).toBe('2027-10-09');
  });

  it('a year beyond the data counts weekends only', () => {
    expect(cal.day('2028-10-02')).toMatchObject({ kind: 'workday' }); // a Monday: no notice known yet
    expect(cal.day('2028-10-01')).toMatchObject({ kind: 'weekend' });
  });

  it('specialDays lists the days off and make-up days of a range, in order', () => {
    expect(cal.specialDays('2026-09-19', '2026-10-02').map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-09-20 makeup',
      '2026-09-25 holiday',
      '2026-09-26 holiday',
      '2026-09-27 holiday',
      '2026-10-01 holiday',
      '2026-10-02 holiday',
    ]);
  });
});

describe('calendar file', () => {
  it('refuses a date outside its year, a day both off and worked, and non-JSON, naming the entry', () => {
    expect(() => parseCalendarFile('{"years":{"2027":{"holidays":{"2028-01-01":"元旦"}}}}', 'f.json')).toThrow(
      new CalendarFileError('f.json: years.2027.holidays.2028-01-01 is not a date of 2027'),
    );
    expect(() => parseCalendarFile('{"years":{"2027":{"holidays":{"2027-01-01":"元旦"},"workdays":{"2027-01-01":"元旦"}}}}', 'f.json')).toThrow(
      'f.json: years.2027: 2027-01-01 is both a day off and a working day',
    );
    expect(() => parseCalendarFile('{', 'f.json')).toThrow(/f.json: not JSON/);
    expect(() => loadWorkingCalendar('/nonexistent/cal.json')).toThrow(/CALENDAR_FILE \/nonexistent\/cal.json cannot be read \(ENOENT\)/);
  });
});
