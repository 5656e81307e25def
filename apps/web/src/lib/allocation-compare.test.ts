import { describe, expect, it } from 'vitest';
import { compareLines, fromHundredths, sumAgainstParent, toHundredths, type SplitLine } from './allocation-compare';

const line = (childUnitId: number, childName: string, target: string | null, deadline: string | null = null, holder?: [number, string]): SplitLine => ({
  childUnitId,
  childName,
  holderUserId: holder?.[0] ?? null,
  holderName: holder?.[1] ?? null,
  target,
  deadline,
});

describe('decimal strings in hundredths', () => {
  it('reads and writes targets exactly', () => {
    expect(toHundredths('3600')).toBe(360000n);
    expect(toHundredths('1250.5')).toBe(125050n);
    expect(toHundredths('0.07')).toBe(7n);
    expect(toHundredths('-12.30')).toBe(-1230n);
    expect(toHundredths(98.5)).toBe(9850n);
    expect(fromHundredths(360000n)).toBe('3600');
    expect(fromHundredths(125050n)).toBe('1250.5');
    expect(fromHundredths(7n)).toBe('0.07');
    expect(fromHundredths(-1230n)).toBe('-12.3');
  });
});

describe('compareLines', () => {
  const v1 = [line(4, '东湖区', '2667', '2026-12-31'), line(5, '西岭区', '2667', '2026-12-31'), line(6, '南城区', '2666', '2026-12-31')];

  it('marks added, removed, changed and unchanged lines with the delta of each', () => {
    const v2 = [
      line(4, '东湖区', '3000', '2026-12-31'), // 3000 − 2667 = +333
      line(5, '西岭区', '2667', '2026-12-31'), // same
      line(7, '北港区', '2333', '2026-12-31'), // new: +2333
    ]; // 南城区 gone: −2666
    expect(compareLines(v2, v1)).toEqual([
      {
        key: 'unit-4',
        name: '东湖区',
        change: 'changed',
        before: '2667',
        after: '3000',
        delta: '+333',
        deadlineBefore: '2026-12-31',
        deadlineAfter: '2026-12-31',
        noPlanBefore: false,
        noPlanAfter: false,
      },
      {
        key: 'unit-5',
        name: '西岭区',
        change: 'same',
        before: '2667',
        after: '2667',
        delta: '0',
        deadlineBefore: '2026-12-31',
        deadlineAfter: '2026-12-31',
        noPlanBefore: false,
        noPlanAfter: false,
      },
      {
        key: 'unit-7',
        name: '北港区',
        change: 'added',
        before: null,
        after: '2333',
        delta: '+2333',
        deadlineBefore: null,
        deadlineAfter: '2026-12-31',
        noPlanBefore: false,
        noPlanAfter: false,
      },
      {
        key: 'unit-6',
        name: '南城区',
        change: 'removed',
        before: '2666',
        after: null,
        delta: '-2666',
        deadlineBefore: '2026-12-31',
        deadlineAfter: null,
        noPlanBefore: false,
        noPlanAfter: false,
      },
    ]);
  });

  it('counts a moved deadline as a change with a zero delta', () => {
    const [first] = compareLines([line(4, '东湖区', '2667', '2026-11-30')], v1);
    expect(first).toMatchObject({ change: 'changed', delta: '0', deadlineBefore: '2026-12-31', deadlineAfter: '2026-11-30' });
  });

  it('keeps a cadre’s share apart from the unit’s line, and treats every line of a first version as new', () => {
    const v = [line(17, '临江街道', '100.5'), line(17, '临江街道', '50', null, [31, '张伟'])];
    expect(compareLines(v, null).map((l) => [l.key, l.name, l.change, l.delta])).toEqual([
      ['unit-17', '临江街道', 'added', '+100.5'],
      ['user-31', '临江街道 张伟', 'added', '+50'],
    ]);
  });
});

describe('sumAgainstParent', () => {
  it('adds count lines up against the target exactly', () => {
    // 2667 + 2667 + 2666 = 8000
    expect(sumAgainstParent('count', [line(4, 'a', '2667'), line(5, 'b', '2667'), line(6, 'c', '2666')], '8000')).toEqual({
      total: '8000',
      diff: '0',
      fits: true,
      offLines: [],
    });
    // 3000 + 2667 + 2333 + 100 = 8100: 100 over
    expect(sumAgainstParent('count', [line(4, 'a', '3000'), line(5, 'b', '2667'), line(7, 'd', '2333'), line(8, 'e', '100')], '8000')).toMatchObject({
      total: '8100',
      diff: '+100',
      fits: false,
    });
  });

  it('adds amounts in hundredths, where floats would not add up', () => {
    // 0.1 + 0.2 = 0.3 exactly (as floats 0.30000000000000004)
    expect(sumAgainstParent('amount', [line(4, 'a', '0.1'), line(5, 'b', '0.2')], '0.30')).toMatchObject({ total: '0.3', diff: '0', fits: true });
    // 1000.5 + 999.25 = 1999.75, target 2000: 0.25 short
    expect(sumAgainstParent('amount', [line(4, 'a', '1000.5'), line(5, 'b', '999.25')], '2000')).toMatchObject({
      total: '1999.75',
      diff: '-0.25',
      fits: false,
    });
  });

  it('wants every ratio line at the parent rate, naming those that are not', () => {
    expect(sumAgainstParent('ratio', [line(4, '东湖区', '98.5'), line(5, '西岭区', '98.50')], '98.5')).toEqual({
      total: '98.5',
      diff: '0',
      fits: true,
      offLines: [],
    });
    expect(sumAgainstParent('ratio', [line(4, '东湖区', '98.5'), line(5, '西岭区', '97')], '98.5')).toMatchObject({ fits: false, offLines: ['西岭区'] });
  });
});

describe('a line without a plan', () => {
  it('adds nothing and shows as changed when a plan is taken away', () => {
    // v1 汉沽 500 ; v2 汉沽 no plan, 大港 500: 500 + 0 = 500 ; 汉沽 -500
    const v1 = [line(18, '汉沽', '500'), line(19, '大港', '0')];
    const v2 = [line(18, '汉沽', null), line(19, '大港', '500')];
    const rows = compareLines(v2, v1);
    expect(rows.map((r) => [r.name, r.change, r.delta, r.noPlanBefore, r.noPlanAfter])).toEqual([
      ['汉沽', 'changed', '-500', false, true],
      ['大港', 'changed', '+500', false, false],
    ]);
    expect(sumAgainstParent('count', v2, '500')).toMatchObject({ total: '500', fits: true });
    // 0 → no plan is a change though the delta is 0
    expect(compareLines([line(19, '大港', null)], [line(19, '大港', '0')])[0]).toMatchObject({ change: 'changed', delta: '0' });
  });
});
