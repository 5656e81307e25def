import type { SettlementLine, SettlementTotals } from '../dto/settlement.types';
import { Exact } from './exact';

/** The totals of a settlement's lines: rewards and deductions summed exactly, and how many lines. */
export function settlementTotals(lines: Pick<SettlementLine, 'reward' | 'deduction'>[]): SettlementTotals {
  return {
    reward: lines.reduce((x, l) => x.add(l.reward), Exact.ZERO).toDecimalString(),
    deduction: lines.reduce((x, l) => x.add(l.deduction), Exact.ZERO).toDecimalString(),
    lines: lines.length,
  };
}

/**
 * What a line is paid for (seed 000, 六、奖惩机制: each enrolee rewarded once): its figure less the figures of
 * its task's live child tasks, i.e. the enrolees counted at its own level; never below zero (children that
 * report more than the parent's figure leave the parent nothing of its own).
 */
export function mobilisedOf(actual: Exact, childrenFigures: Exact): Exact {
  const own = actual.sub(childrenFigures);
  return own.cmp(0) > 0 ? own : Exact.ZERO;
}
