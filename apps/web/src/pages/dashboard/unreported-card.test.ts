import { describe, expect, it } from 'vitest';
import { unreportedSummary } from './unreported-card';

describe('the 未报送单位 card', () => {
  it('says the period and how many units have not reported', () => {
    expect(unreportedSummary({ cadence: 'monthly', period: { start: '2026-05-01', end: '2026-05-31' }, expectedUnits: 3, total: 2 })).toBe(
      '报送周期每月，本期 2026-05-01 至 2026-05-31：3 个单位中 2 个未报送',
    );
    expect(unreportedSummary({ cadence: 'weekly', period: null, expectedUnits: 0, total: 0 })).toBe('不在扩面任务期内');
  });
});
