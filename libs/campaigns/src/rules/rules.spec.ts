import { checkLines, fromCents, outOfStepReason, targetError, toCents } from './allocation-rules';
import { loadWorkingCalendar } from '#core';
import { planDeadlineEvents, REMINDER_TIME } from './deadline-events';

const calendar = loadWorkingCalendar();

describe('allocation rules', () => {
  it('parses decimals exactly in hundredths', () => {
    expect(toCents('8.00')).toBe(800n);
    expect(toCents(0.1)).toBe(10n);
    expect(toCents('1.005')).toBeNull();
    expect(fromCents(123450n)).toBe('1234.50');
  });
  it('checks targets by kind', () => {
    expect(targetError('count', 3)).toBeNull();
    expect(targetError('count', 2.5)).toMatch(/whole/);
    expect(targetError('count', -1)).toMatch(/non-negative/);
    expect(targetError('amount', '10.25')).toBeNull();
    expect(targetError('amount', '10.255')).toMatch(/two decimals/);
    expect(targetError('ratio', 0)).toMatch(/\(0, 100\]/);
    expect(targetError('ratio', 100)).toBeNull();
    expect(targetError('ratio', 100.01)).toMatch(/\(0, 100\]/);
  });
  const parent = { kind: 'amount' as const, target: '0.30', deadline: '2026-12-31', allowOverAllocation: false };
  it('adds amounts exactly: 0.10 + 0.20 = 0.30 (no float drift)', () => {
    const r = checkLines(parent, [
      { childUnitId: 1, target: 0.1 },
      { childUnitId: 2, target: 0.2 },
    ]);
    expect(r).toEqual({
      ok: true,
      lines: [
        { childUnitId: 1, target: '0.10', deadline: null },
        { childUnitId: 2, target: '0.20', deadline: null },
      ],
    });
  });
  it('refuses a sum that differs, allows more only with over-allocation', () => {
    const lines = [
      { childUnitId: 1, target: '0.20' },
      { childUnitId: 2, target: '0.20' },
    ];
    // 0.20 + 0.20 = 0.40 ≠ 0.30
    expect(checkLines(parent, lines)).toMatchObject({
      ok: false,
      sumMismatch: true,
      errors: [{ field: 'lines', message: '各行合计 0.40，须等于上级目标 0.30（lines add up to 0.40; they must add up to exactly 0.30）' }],
    });
    expect(checkLines({ ...parent, allowOverAllocation: true }, lines)).toMatchObject({ ok: true });
    expect(checkLines({ ...parent, allowOverAllocation: true }, [{ childUnitId: 1, target: '0.29' }])).toMatchObject({ ok: false, sumMismatch: true });
  });
  it('refuses a duplicate child and a deadline after the parent', () => {
    const r = checkLines(parent, [
      { childUnitId: 1, target: '0.10', deadline: '2027-01-01' },
      { childUnitId: 1, target: '0.20' },
    ]);
    expect(r).toMatchObject({ ok: false, sumMismatch: false });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['lines[0].deadline', 'lines[1].childUnitId']);
  });
  it('copies a ratio down and refuses a different rate', () => {
    const ratio = { kind: 'ratio' as const, target: '98.50', deadline: '2026-12-31', allowOverAllocation: false };
    expect(checkLines(ratio, [{ childUnitId: 1 }, { childUnitId: 2, target: 98.5 }])).toEqual({
      ok: true,
      lines: [
        { childUnitId: 1, target: '98.50', deadline: null },
        { childUnitId: 2, target: '98.50', deadline: null },
      ],
    });
    expect(checkLines(ratio, [{ childUnitId: 1, target: 99 }])).toMatchObject({ ok: false, errors: [{ field: 'lines[0].target' }] });
  });
});

describe('a split that leaves a unit without a plan (seed 002 annex 5)', () => {
  // 450000 over 21 districts: 19 planned lines add up to it, 汉沽 and 大港 get no plan (target null)
  const PLANS = [10000, 8000, 27000, 13000, 19000, 5500, 13500, 29000, 25000, 30500, 10000, 13000, 10000, 16000, 3000, 22000, 113000, null, null, 78500, 4000];
  const parent = { kind: 'count' as const, target: '450000.00', deadline: '2015-12-31', allowOverAllocation: false };
  it('keeps null apart from 0: the planned lines alone add up to the parent', () => {
    const r = checkLines(
      parent,
      PLANS.map((target, i) => ({ childUnitId: i + 1, target })),
    );
    expect(r.ok).toBe(true);
    const lines = r.ok ? r.lines : [];
    // 10000 + 8000 + ... + 4000 (19 lines) = 450000
    expect(lines.filter((l) => l.target === null).map((l) => l.childUnitId)).toEqual([18, 19]);
    expect(lines[20]).toEqual({ childUnitId: 21, target: '4000.00', deadline: null });
    // a 0 entered on purpose stays a plan of 0
    const zero = checkLines({ ...parent, target: '100.00' }, [
      { childUnitId: 1, target: 100 },
      { childUnitId: 2, target: 0 },
      { childUnitId: 3, target: null },
    ]);
    expect(zero).toEqual({
      ok: true,
      lines: [
        { childUnitId: 1, target: '100.00', deadline: null },
        { childUnitId: 2, target: '0.00', deadline: null },
        { childUnitId: 3, target: null, deadline: null },
      ],
    });
  });
  it('still requires the planned lines to add up: no plan does not excuse a gap', () => {
    // 宁河 left without a plan too: the other 18 plans add up to 450000 - 4000 = 446000 ≠ 450000
    const r = checkLines(
      parent,
      PLANS.map((target, i) => ({ childUnitId: i + 1, target: i === 20 ? null : target })),
    );
    expect(r).toMatchObject({ ok: false, sumMismatch: true, errors: [{ field: 'lines', message: expect.stringContaining('各行合计 446000.00') }] });
  });
  it('refuses an omitted target, a cadre without a plan, and splitting a task that has no plan', () => {
    expect(checkLines(parent, [{ childUnitId: 1 }])).toMatchObject({
      ok: false,
      errors: [{ field: 'lines[0].target', message: expect.stringContaining('须填写目标') }],
    });
    expect(checkLines(parent, [{ childUnitId: 1, holderUserId: 5, target: null }])).toMatchObject({
      ok: false,
      errors: [{ field: 'lines[0].target', message: expect.stringContaining('干部的份额不能无计划') }],
    });
    expect(checkLines({ ...parent, target: null }, [{ childUnitId: 1, target: 5 }])).toMatchObject({
      ok: false,
      sumMismatch: false,
      errors: [{ field: 'parentTaskId', message: expect.stringContaining('无计划') }],
    });
  });
  it('copies a ratio down even where the line says null: a rate target is every unit’s (seed 003: 98.5 % for every district)', () => {
    const ratio = { kind: 'ratio' as const, target: '98.50', deadline: '2026-12-31', allowOverAllocation: false };
    expect(checkLines(ratio, [{ childUnitId: 1, target: null }])).toEqual({ ok: true, lines: [{ childUnitId: 1, target: '98.50', deadline: null }] });
  });
});

describe('an approved split after its parent task changed', () => {
  const parent = { kind: 'count' as const, target: '100.00', deadline: '2026-11-30', allowOverAllocation: false };
  it('still fits: no reason', () => {
    expect(
      outOfStepReason(parent, [
        { childUnitId: 1, target: '60.00', deadline: null },
        { childUnitId: 2, target: '40.00', deadline: '2026-11-30' },
      ]),
    ).toBeNull();
  });
  it('names a child deadline after the new one and the sum together', () => {
    // target raised to 120, deadline brought forward to 30 Nov: 60 + 40 = 100 ≠ 120, and line 1 keeps 31 Dec
    expect(
      outOfStepReason({ ...parent, target: '120.00' }, [
        { childUnitId: 1, target: '60.00', deadline: null },
        { childUnitId: 2, target: '40.00', deadline: '2026-12-31' },
      ]),
    ).toBe(
      'lines[1].deadline: 不能晚于上级任务的截止日期 2026-11-30（must be no later than the parent deadline 2026-11-30）; lines: 各行合计 100.00，须等于上级目标 120.00（lines add up to 100.00; they must add up to exactly 120.00）',
    );
  });
  it('names a ratio no longer copied once, though both checks find it', () => {
    const ratio = { kind: 'ratio' as const, target: '99.00', deadline: '2026-11-30', allowOverAllocation: false };
    expect(outOfStepReason(ratio, [{ childUnitId: 1, target: '98.50', deadline: null }])).toBe(
      'lines[0].target: 比率目标按上级目标原样下达，须为 99.00（a ratio target is copied down unchanged: must be 99.00）',
    );
  });
});

describe('deadline events', () => {
  it('plans reminders before the deadline and each earlier milestone, and the overdue instant', () => {
    // now 2026-03-02 10:00 China; deadline 2026-06-30; milestones 31 Mar, 30 Jun (= deadline, so not twice), 30 Sep (after)
    const now = new Date('2026-03-02T02:00:00Z');
    const ev = planDeadlineEvents('2026-06-30', 1, ['2026-03-31', '2026-06-30', '2026-09-30'], [7, 3, 1], now, REMINDER_TIME, calendar);
    expect(ev.map((e) => [e.key, e.dueAt.toISOString()])).toEqual([
      // 30 Jun - 7 = 23 Jun, 09:00 China = 01:00 UTC
      ['reminder-deadline-2026-06-30-7-v1', '2026-06-23T01:00:00.000Z'],
      // 30 Jun - 3 = Saturday 27 Jun: moved to Friday 26 Jun
      ['reminder-deadline-2026-06-30-3-v1', '2026-06-26T01:00:00.000Z'],
      ['reminder-deadline-2026-06-30-1-v1', '2026-06-29T01:00:00.000Z'],
      ['reminder-milestone-2026-03-31-7-v1', '2026-03-24T01:00:00.000Z'],
      // 31 Mar - 3 = Saturday 28 Mar: Friday 27 Mar
      ['reminder-milestone-2026-03-31-3-v1', '2026-03-27T01:00:00.000Z'],
      ['reminder-milestone-2026-03-31-1-v1', '2026-03-30T01:00:00.000Z'],
      // the deadline day ends at 1 Jul 00:00 China = 30 Jun 16:00 UTC
      ['overdue-2026-06-30-v1', '2026-06-30T16:00:00.000Z'],
    ]);
  });
  it('skips reminders already past and keeps the overdue transition', () => {
    const now = new Date('2026-06-28T02:00:00Z'); // 28 Jun 10:00 China: only the 1-day reminder (29 Jun 09:00) is ahead
    expect(planDeadlineEvents('2026-06-30', 2, [], [7, 3, 1], now, REMINDER_TIME, calendar).map((e) => e.key)).toEqual([
      'reminder-deadline-2026-06-30-1-v2',
      'overdue-2026-06-30-v2',
    ]);
  });
  it('moves reminders off National Day and Spring Festival to the working day before, one per day', () => {
    const now = new Date('2026-09-01T00:00:00Z');
    // deadline Thursday 8 Oct 2026: -1 = 7 Oct, -3 = 5 Oct, both 国庆节 → Wednesday 30 Sep once (key of the 3-day offset);
    // -7 = 1 Oct (国庆节) → 30 Sep as well, so the 7-day offset speaks for all three
    expect(planDeadlineEvents('2026-10-08', 1, [], [7, 3, 1], now, REMINDER_TIME, calendar).map((e) => [e.key, e.dueAt.toISOString()])).toEqual([
      ['reminder-deadline-2026-10-08-7-v1', '2026-09-30T01:00:00.000Z'],
      ['overdue-2026-10-08-v1', '2026-10-08T16:00:00.000Z'],
    ]);
    // deadline Tuesday 13 Oct 2026: -1 = Monday 12 Oct; -3 = Saturday 10 Oct, a make-up working day (kept);
    // -7 = 6 Oct (国庆节) → 30 Sep
    expect(planDeadlineEvents('2026-10-13', 1, [], [7, 3, 1], now, REMINDER_TIME, calendar).map((e) => e.dueAt.toISOString().slice(0, 10))).toEqual([
      '2026-09-30',
      '2026-10-10',
      '2026-10-12',
      '2026-10-13',
    ]);
    // deadline Wednesday 24 Feb 2027 (file year): -7 = Wednesday 17 Feb, -3 = Sunday 21 Feb → Saturday 20 Feb (make-up), -1 = 23 Feb
    const later = new Date('2027-01-04T00:00:00Z');
    expect(planDeadlineEvents('2027-02-24', 1, [], [7, 3, 1], later, REMINDER_TIME, calendar).map((e) => e.dueAt.toISOString().slice(0, 10))).toEqual([
      '2027-02-17',
      '2027-02-20',
      '2027-02-23',
      '2027-02-24',
    ]);
    // deadline Monday 15 Feb 2027: -1 = 14 Feb, -3 = 12 Feb, -7 = 8 Feb, all in the break → Thursday 4 Feb once
    expect(planDeadlineEvents('2027-02-15', 1, [], [7, 3, 1], later, REMINDER_TIME, calendar).map((e) => e.key)).toEqual([
      'reminder-deadline-2027-02-15-7-v1',
      'overdue-2027-02-15-v1',
    ]);
  });
});
