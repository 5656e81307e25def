import { describe, expect, it } from 'vitest';
import { calendarMark, yearsAround } from './work-calendar';

describe('work calendar marks', () => {
  const days = new Map([
    ['2026-10-01', { date: '2026-10-01', kind: 'holiday' as const, name: '国庆节' }],
    ['2026-10-10', { date: '2026-10-10', kind: 'makeup' as const, name: '国庆节' }],
  ]);
  it('marks days off 休 and make-up working days 班, with the holiday in the title', () => {
    expect(calendarMark(days, '2026-10-01')).toEqual({ label: '休', title: '国庆节放假', kind: 'holiday' });
    expect(calendarMark(days, '2026-10-10')).toEqual({ label: '班', title: '国庆节调休上班', kind: 'makeup' });
    expect(calendarMark(days, '2026-10-08')).toBeNull();
  });
  it('asks for the year before, this one and the next', () => {
    expect(yearsAround('2026-12-06')).toEqual([2025, 2026, 2027]);
  });
});
