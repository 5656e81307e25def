import { addDays, businessDate, businessInstant, isIsoDate } from './clock';

describe('business dates in Asia/Shanghai', () => {
  it('16:00 UTC is already the next day in China', () => {
    expect(businessDate(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
    expect(businessDate(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
  });
  it('17:00 China time on the 10th is 09:00 UTC', () => {
    expect(businessInstant('2026-09-10', '17:00').toISOString()).toBe('2026-09-10T09:00:00.000Z');
    expect(businessInstant('2026-09-10').toISOString()).toBe('2026-09-09T16:00:00.000Z');
  });
  it('adds days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('recognises real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
  });
});
