import { cutoffDatesOfMonth, cutoffInstant, cutoffLocalTime, cutoffsInWindow, dueCutoffs, isCutoffDate, nextCutoff } from './cutoffs';

const year2027 = { window: { from: '2027-01-01', to: '2027-12-31' }, time: '17:00' };

describe('cutoff calendar (10th, 20th, 30th / last day of February, Asia/Shanghai)', () => {
  it('names a cutoff by its China wall-clock time', () => {
    // 2026-09-10 17:00 in China is 09:00 UTC
    expect(cutoffLocalTime({ date: '2026-09-10', at: new Date('2026-09-10T09:00:00Z') })).toBe('2026-09-10 17:00');
  });

  it('lists the 36 cutoff dates of 2027, the 28th in February, the 30th in 31-day and 30-day months', () => {
    expect(cutoffsInWindow(year2027).map((c) => c.date)).toEqual([
      '2027-01-10',
      '2027-01-20',
      '2027-01-30', // January: 31 days, still the 30th
      '2027-02-10',
      '2027-02-20',
      '2027-02-28', // February 2027: 28 days
      '2027-03-10',
      '2027-03-20',
      '2027-03-30',
      '2027-04-10',
      '2027-04-20',
      '2027-04-30', // April: 30 days, the 30th is the last day
      '2027-05-10',
      '2027-05-20',
      '2027-05-30',
      '2027-06-10',
      '2027-06-20',
      '2027-06-30',
      '2027-07-10',
      '2027-07-20',
      '2027-07-30',
      '2027-08-10',
      '2027-08-20',
      '2027-08-30',
      '2027-09-10',
      '2027-09-20',
      '2027-09-30',
      '2027-10-10',
      '2027-10-20',
      '2027-10-30',
      '2027-11-10',
      '2027-11-20',
      '2027-11-30',
      '2027-12-10',
      '2027-12-20',
      '2027-12-30', // December 31 is not a cutoff
    ]);
  });

  it('uses the 29th in February of the leap year 2028', () => {
    expect(cutoffDatesOfMonth(2028, 2)).toEqual(['2028-02-10', '2028-02-20', '2028-02-29']);
    expect(cutoffDatesOfMonth(2027, 2)).toEqual(['2027-02-10', '2027-02-20', '2027-02-28']);
    expect(cutoffDatesOfMonth(2028, 3)).toEqual(['2028-03-10', '2028-03-20', '2028-03-30']);
  });

  it('puts 17:00 China time at 09:00 UTC the same day', () => {
    expect(cutoffInstant('2027-02-28', '17:00').toISOString()).toBe('2027-02-28T09:00:00.000Z');
    expect(cutoffInstant('2028-02-29', '17:00').toISOString()).toBe('2028-02-29T09:00:00.000Z');
  });

  it('puts a cutoff early in the China day at 16:00 UTC or later on the day before', () => {
    // 00:00 on 10 Sept in Shanghai (UTC+8) is 16:00 UTC on 9 Sept
    expect(cutoffInstant('2026-09-10', '00:00').toISOString()).toBe('2026-09-09T16:00:00.000Z');
    const cal = { window: { from: '2026-09-01', to: '2026-11-30' }, time: '00:00' };
    expect(dueCutoffs(cal, new Date('2026-09-09T15:59:59.999Z'))).toEqual([]);
    expect(dueCutoffs(cal, new Date('2026-09-09T16:00:00.000Z')).map((c) => c.date)).toEqual(['2026-09-10']);
    // 07:30 China time on 20 Sept = 23:30 UTC on 19 Sept
    const early = { ...cal, time: '07:30' };
    expect(dueCutoffs(early, new Date('2026-09-19T23:29:59Z')).map((c) => c.date)).toEqual(['2026-09-10']);
    expect(dueCutoffs(early, new Date('2026-09-19T23:30:00Z')).map((c) => c.date)).toEqual(['2026-09-10', '2026-09-20']);
  });

  describe('due and not yet done as of an instant', () => {
    const autumn = { window: { from: '2026-09-01', to: '2026-11-30' }, time: '17:00' };

    it('is due from the cutoff instant on, not a millisecond before', () => {
      expect(dueCutoffs(autumn, new Date('2026-09-10T08:59:59.999Z'))).toEqual([]);
      expect(dueCutoffs(autumn, new Date('2026-09-10T09:00:00.000Z'))).toEqual([{ date: '2026-09-10', at: new Date('2026-09-10T09:00:00.000Z') }]);
    });

    it('leaves out the cutoffs already done and returns the missed ones oldest first', () => {
      // worker down from 9 Sept to 1 Oct: 10, 20 and 30 Sept are all due
      const now = new Date('2026-10-01T02:00:00Z');
      expect(dueCutoffs(autumn, now).map((c) => c.date)).toEqual(['2026-09-10', '2026-09-20', '2026-09-30']);
      expect(dueCutoffs(autumn, now, ['2026-09-10']).map((c) => c.date)).toEqual(['2026-09-20', '2026-09-30']);
      expect(dueCutoffs(autumn, now, ['2026-09-10', '2026-09-20', '2026-09-30'])).toEqual([]);
    });

    it('has no cutoff outside the window', () => {
      // before the window: 10 Aug 17:00 is past but August is outside September-November
      expect(dueCutoffs(autumn, new Date('2026-08-31T12:00:00Z'))).toEqual([]);
      // after the window: all nine are due, December's are not
      expect(dueCutoffs(autumn, new Date('2026-12-31T12:00:00Z')).map((c) => c.date)).toEqual([
        '2026-09-10',
        '2026-09-20',
        '2026-09-30',
        '2026-10-10',
        '2026-10-20',
        '2026-10-30',
        '2026-11-10',
        '2026-11-20',
        '2026-11-30',
      ]);
      expect(isCutoffDate(autumn, '2026-12-10')).toBe(false);
      expect(isCutoffDate(autumn, '2026-10-20')).toBe(true);
      expect(isCutoffDate(autumn, '2026-10-31')).toBe(false);
    });

    it('clips a window that starts or ends mid-month', () => {
      const mid = { window: { from: '2027-02-15', to: '2027-03-10' }, time: '17:00' };
      expect(cutoffsInWindow(mid).map((c) => c.date)).toEqual(['2027-02-20', '2027-02-28', '2027-03-10']);
      expect(cutoffsInWindow({ window: { from: '2027-03-11', to: '2027-03-19' }, time: '17:00' })).toEqual([]);
    });

    it('finds the next cutoff', () => {
      expect(nextCutoff(autumn, new Date('2026-09-10T09:00:00Z'))?.date).toBe('2026-09-20');
      expect(nextCutoff(autumn, new Date('2026-11-30T09:00:00Z'))).toBeNull();
    });
  });

  it('rejects a malformed time or window', () => {
    expect(() => cutoffInstant('2026-09-10', '25:00')).toThrow('time');
    expect(() => cutoffsInWindow({ window: { from: '2026-02-30', to: '2026-03-01' }, time: '17:00' })).toThrow('window.from');
  });
});
