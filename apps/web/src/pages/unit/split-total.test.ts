import { describe, expect, it } from 'vitest';
import { evenShares, fromCents, lineError, splitTotal, toCents, weightedShares } from './split-total';

describe('split editor: running total', () => {
  it('adds exactly, in hundredths (0.1 + 0.2 is 0.3, not 0.30000000000000004)', () => {
    expect(toCents('1234.5')).toBe(123450n);
    expect(toCents(0.1)).toBe(10n);
    expect(toCents('1.234')).toBeNull();
    expect(toCents('')).toBeNull();
    expect(fromCents(3334n, 'amount')).toBe('33.34');
    expect(fromCents(3400n, 'count')).toBe('34');
    expect(splitTotal('amount', '0.30', [0.1, 0.2])).toMatchObject({ state: 'exact', sum: '0.30', remaining: '0.00', ok: true });
  });

  it('says how much is left, or over, as the clerk types', () => {
    // 3000 + 2500 of 8000: 2500 left
    expect(splitTotal('count', '8000.00', [3000, '2500', null])).toEqual({
      state: 'short',
      sum: '5500',
      remaining: '2500',
      ok: false,
      errors: [null, null, '请填写分解数'],
    });
    // 3000 + 2500 + 2600 = 8100: 100 over
    expect(splitTotal('count', '8000.00', [3000, 2500, 2600])).toMatchObject({ state: 'over', sum: '8100', remaining: '-100', ok: false });
    expect(splitTotal('count', '8000.00', [3000, 2500, 2600], true)).toMatchObject({ state: 'over', ok: true }); // over-allocation allowed
    expect(splitTotal('count', '8000.00', [3000, 2500, 2500])).toMatchObject({ state: 'exact', sum: '8000', remaining: '0', ok: true });
  });

  it('never lets thirds add up by rounding: 33.33 three times is 0.01 short of 100', () => {
    expect(splitTotal('amount', '100.00', ['33.33', '33.33', '33.33'])).toMatchObject({ state: 'short', sum: '99.99', remaining: '0.01', ok: false });
    expect(splitTotal('count', '100', [33.33, 33, 34]).errors).toEqual(['人数须为整数', null, null]);
  });

  it('refuses fractions of people and negative lines', () => {
    expect(lineError('count', '12.5')).toBe('人数须为整数');
    expect(lineError('count', -1)).toBe('不能为负数');
    expect(lineError('amount', '1.005')).toBe('最多两位小数');
    expect(lineError('amount', '1.05')).toBeNull();
  });

  it('copies a ratio down instead of splitting it', () => {
    expect(splitTotal('ratio', '98.50', [null, null, null])).toEqual({
      state: 'copied',
      sum: '98.50',
      remaining: '0.00',
      ok: true,
      errors: [null, null, null],
    });
    expect(evenShares('ratio', '98.50', 2)).toEqual(['98.50', '98.50']);
  });

  it('spreads a target evenly so that it adds up: the remainder to the first lines', () => {
    // 100 people over 3 villages: 34 + 33 + 33
    expect(evenShares('count', '100.00', 3)).toEqual(['34', '33', '33']);
    // 100 yuan over 3: 33.34 + 33.33 + 33.33
    expect(evenShares('amount', '100.00', 3)).toEqual(['33.34', '33.33', '33.33']);
    // 444 over 6: 74 each
    expect(evenShares('count', '444.00', 6)).toEqual(['74', '74', '74', '74', '74', '74']);
    expect(splitTotal('count', '100.00', evenShares('count', '100.00', 3)).state).toBe('exact');
    expect(evenShares('count', '5', 0)).toEqual([]);
  });

  it('splits by weights with the largest remainders, adding up exactly', () => {
    // 1000 by 1:1:1 → 333.33 each, the one left over to the first: 334, 333, 333
    expect(weightedShares('count', '1000', [1, 1, 1])).toEqual(['334', '333', '333']);
    // 100 by 2:1 → 66.67 and 33.33: 67 + 33
    expect(weightedShares('count', '100', [2, 1])).toEqual(['67', '33']);
    expect(weightedShares('amount', '10.00', [1, 2])).toEqual(['3.33', '6.67']);
    expect(weightedShares('count', '10', [0, 0])).toEqual(['5', '5']);
  });

  it('leaves a unit without a plan out of the sum (seed 002 annex 5: 汉沽, 大港)', () => {
    // 10000 + 8000 planned, 汉沽 no plan: 18000 = 18000 exactly ; a 0 is a plan of 0 and still a value
    expect(splitTotal('count', '18000.00', [10000, 8000, null], false, [false, false, true])).toEqual({
      state: 'exact',
      sum: '18000',
      remaining: '0',
      ok: true,
      errors: [null, null, null],
    });
    // without the no-plan mark the empty line is an error
    expect(splitTotal('count', '18000.00', [10000, 8000, null]).errors).toEqual([null, null, '请填写分解数']);
    expect(splitTotal('count', '18000.00', [10000, 8000, 0], false, [false, false, false]).ok).toBe(true);
  });
});
