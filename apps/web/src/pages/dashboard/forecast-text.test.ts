import { describe, expect, it } from 'vitest';
import { neededPace, projectedText } from './forecast-text';

const behind = {
  indicatorKind: 'count',
  indicatorUnit: 'person',
  status: 'will_miss',
  projectedPct: '50.1',
  needed: { perDay: '13.92', perWeek: '97.46', perWorkingDay: '20.06' },
};

describe('forecast wording in the console', () => {
  it('shows the projected share and the pace needed per day and week', () => {
    expect(projectedText(behind)).toBe('50.1%');
    expect(neededPace(behind)).toBe('每天 13.92人，每周 97.46人');
    expect(neededPace({ ...behind, indicatorUnit: 'yuan' })).toBe('每天 13.92元，每周 97.46元');
    expect(neededPace({ ...behind, indicatorKind: 'ratio' })).toBe('每天 13.92个百分点，每周 97.46个百分点');
  });
  it('says why there is no projection', () => {
    expect(projectedText({ ...behind, status: 'no_reports', projectedPct: null })).toBe('尚未报送');
    expect(projectedText({ ...behind, status: 'deadline_passed', needed: null })).toBe('已逾期');
    expect(neededPace({ ...behind, status: 'deadline_passed', needed: null })).toBe('已过截止日');
  });
});
