import { describe, expect, it } from 'vitest';
import { businessToday, formatCount, formatDate, formatDateTime, formatPercent, formatRatio, formatWanRen, formatYuan, roundHalfUp } from './format';

describe('number formats', () => {
  it('prints people in 万人 with two decimals, rounding half up', () => {
    expect(formatWanRen(123456)).toBe('12.35万人'); // 12.3456 → 12.35
    expect(formatWanRen(123450)).toBe('12.35万人'); // 12.345 exactly: half up, where toFixed says 12.34
    expect(formatWanRen(80000)).toBe('8.00万人');
    expect(formatWanRen(0)).toBe('0.00万人');
    expect(formatWanRen('35000000')).toBe('3,500.00万人'); // a NUMERIC column arrives as a string
    expect(formatWanRen(null)).toBe('—');
  });

  it('prints rates with one decimal and %', () => {
    expect(formatPercent(94.25)).toBe('94.3%');
    expect(formatPercent('98.5')).toBe('98.5%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0.04)).toBe('0.0%');
    expect(formatPercent(-2.35)).toBe('-2.4%'); // away from zero
    expect(formatRatio(0.9425)).toBe('94.3%'); // 94.25 %
    expect(formatRatio(1)).toBe('100.0%');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent('abc')).toBe('—');
  });

  it('prints money in yuan with two decimals and counts with separators', () => {
    expect(formatYuan(1234567.5)).toBe('1,234,567.50元');
    expect(formatYuan('0.005')).toBe('0.01元');
    expect(formatCount(12345)).toBe('12,345人');
    expect(formatCount(7, '户')).toBe('7户');
  });

  it('rounds the decimal digits as written', () => {
    expect(roundHalfUp(1.005, 2)).toBe('1.01');
    expect(roundHalfUp(2.675, 2)).toBe('2.68');
    expect(roundHalfUp(0.5, 0)).toBe('1');
    expect(roundHalfUp(-0.04, 1)).toBe('0.0');
  });
});

describe('dates in Asia/Shanghai', () => {
  it('keeps calendar dates and gives instants the Beijing date and time', () => {
    expect(formatDate('2026-03-02')).toBe('2026-03-02');
    expect(formatDate('2026-03-01T16:00:00Z')).toBe('2026-03-02'); // midnight in Beijing
    expect(formatDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(formatDateTime('2026-03-02T02:00:00Z')).toBe('2026-03-02 10:00');
    expect(formatDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
    expect(businessToday(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
    expect(formatDate(null)).toBe('—');
  });
});
