import { Exact } from './exact';
import { mobilisedOf, settlementTotals } from './settlement';

describe('settlement totals', () => {
  it('sums rewards and deductions exactly', () => {
    // rewards 80.5 + 0 + 19.5 = 100 ; deductions 0 + 10 + 0.25 = 10.25 ; 0.1 + 0.2 stays 0.3 (no float drift)
    const lines = [
      { reward: '80.5', deduction: '0' },
      { reward: '0', deduction: '10' },
      { reward: '19.5', deduction: '0.25' },
    ];
    expect(settlementTotals(lines)).toEqual({ reward: '100', deduction: '10.25', lines: 3 });
    expect(
      settlementTotals([
        { reward: '0.1', deduction: '0' },
        { reward: '0.2', deduction: '0' },
      ]).reward,
    ).toBe('0.3');
  });

  it('is zero for a settlement without lines', () => {
    expect(settlementTotals([])).toEqual({ reward: '0', deduction: '0', lines: 0 });
  });
});

describe('mobilised: what a line is paid for', () => {
  const E = (v: string | number) => Exact.of(v);
  it('is the figure less the child tasks’ figures', () => {
    // a town at 120 whose villages report 45 in all mobilised 120 - 45 = 75 itself
    expect(mobilisedOf(E(120), E(45)).toDecimalString()).toBe('75');
    // a leaf (no children): all of it ; 10.5 - 0.25 = 10.25
    expect(mobilisedOf(E(120), Exact.ZERO).toDecimalString()).toBe('120');
    expect(mobilisedOf(E('10.5'), E('0.25')).toDecimalString()).toBe('10.25');
  });

  it('is never below zero', () => {
    // children at 55 above a parent's 40 (a child's deadline of its own, a correction): 40 - 55 = -15 -> 0
    expect(mobilisedOf(E(40), E(55)).toDecimalString()).toBe('0');
    expect(mobilisedOf(E(30), E(30)).toDecimalString()).toBe('0');
    expect(mobilisedOf(Exact.ZERO, Exact.ZERO).toDecimalString()).toBe('0');
  });
});
