import { dueOccurrence, onWorkingDay, planDates, roundDeadline, upcomingDates, WorkingDayCalendar } from './plan-occurrences';

describe('reminder plan occurrences', () => {
  const every4 = { everyMonths: 4, firstOn: '2026-01-31' };

  it('every N months counts from the first date, clamping to month ends', () => {
    // 31 Jan; +4 months = 31 May; +8 = 30 Sep (no 31st); +12 = 31 Jan 2027
    expect(planDates(every4, '2027-01-31')).toEqual(['2026-01-31', '2026-05-31', '2026-09-30', '2027-01-31']);
    expect(planDates({ everyMonths: 1, firstOn: '2026-01-31' }, '2026-03-31')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(planDates({ ...every4, untilOn: '2026-09-29' }, '2027-12-31')).toEqual(['2026-01-31', '2026-05-31']);
  });

  it('explicit dates: sorted, once each, up to the day asked', () => {
    expect(planDates({ dates: ['2026-09-01', '2026-03-15', '2026-03-15', '2026-06-15'] }, '2026-06-15')).toEqual(['2026-03-15', '2026-06-15']);
  });

  it('due: the latest date on or before today, after the last round made and not before the plan', () => {
    const s = { dates: ['2026-03-15', '2026-06-15', '2026-09-15'] };
    expect(dueOccurrence(s, '2026-03-14', '2026-03-01', null)).toBeNull();
    expect(dueOccurrence(s, '2026-03-15', '2026-03-01', null)).toBe('2026-03-15');
    // made already: nothing until June
    expect(dueOccurrence(s, '2026-05-01', '2026-03-01', '2026-03-15')).toBeNull();
    // worker down from 10 June to 20 June: June's round starts on 20 June
    expect(dueOccurrence(s, '2026-06-20', '2026-03-01', '2026-03-15')).toBe('2026-06-15');
    // down over June and September: only September's starts
    expect(dueOccurrence(s, '2026-09-20', '2026-03-01', '2026-03-15')).toBe('2026-09-15');
    // a plan made on 1 July with a first date in the past does not send for it
    expect(dueOccurrence({ everyMonths: 4, firstOn: '2026-03-15' }, '2026-07-01', '2026-07-01', null)).toBeNull();
    expect(dueOccurrence({ everyMonths: 4, firstOn: '2026-03-15' }, '2026-07-15', '2026-07-01', null)).toBe('2026-07-15');
  });

  it('a date on a non-working day is sent on the working day before it', () => {
    // a calendar where weekends (3, 4 Oct 2026 are Sat, Sun) and 1–2 Oct are off
    const cal: WorkingDayCalendar = { isWorkingDay: (d) => !['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'].includes(d) };
    expect(onWorkingDay('2026-10-04', cal)).toBe('2026-09-30');
    // due on 30 Sep already (sent then), still named by its planned date
    expect(dueOccurrence({ dates: ['2026-10-04'] }, '2026-09-30', '2026-09-01', null, cal)).toBe('2026-10-04');
    expect(upcomingDates({ dates: ['2026-10-04', '2026-12-01'] }, '2026-09-01', 3, cal)).toEqual(['2026-09-30', '2026-12-01']);
  });

  it('a round whose date passed while the worker was down starts on the next working day, once', () => {
    // 国庆 2026: 1–7 Oct off, Sat 10 Oct a make-up working day; weekends otherwise off
    const off = new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    const cal: WorkingDayCalendar = {
      isWorkingDay: (d) => d === '2026-10-10' || (!off.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())),
    };
    const s = { dates: ['2026-09-30'] };
    // Wed 30 Sep passed while the worker was down; it comes back on Fri 2 Oct (国庆): nothing until Thu 8 Oct
    for (const d of ['2026-10-02', '2026-10-03', '2026-10-07']) expect(dueOccurrence(s, d, '2026-09-01', null, cal)).toBeNull();
    expect(dueOccurrence(s, '2026-10-08', '2026-09-01', null, cal)).toBe('2026-09-30');
    // once: made on 8 Oct, nothing again
    expect(dueOccurrence(s, '2026-10-09', '2026-09-01', '2026-09-30', cal)).toBeNull();
    // a date on Sunday 11 Oct moves back to the make-up Saturday 10 Oct, which works
    expect(dueOccurrence({ dates: ['2026-10-11'] }, '2026-10-10', '2026-09-01', null, cal)).toBe('2026-10-11');
    // a plain Saturday: nothing, even for a date already passed
    expect(dueOccurrence({ dates: ['2026-10-16'] }, '2026-10-17', '2026-09-01', null, cal)).toBeNull();
    expect(dueOccurrence({ dates: ['2026-10-16'] }, '2026-10-19', '2026-09-01', null, cal)).toBe('2026-10-16');
  });

  it('deadline in natural days', () => {
    expect(roundDeadline('2026-03-15', 16)).toBe('2026-03-31');
    expect(roundDeadline('2026-12-20', 30)).toBe('2027-01-19');
    expect(roundDeadline('2026-03-15', null)).toBeNull();
  });
});
