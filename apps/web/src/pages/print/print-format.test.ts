import { describe, expect, it } from 'vitest';
import { chineseDate } from './print-format';

describe('printed dates', () => {
  it('writes the year, month and day without leading zeros', () => {
    expect(chineseDate('2026-09-04')).toBe('2026年9月4日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
  });
});
