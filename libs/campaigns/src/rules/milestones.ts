import type { IndicatorKind } from '../campaigns.types';
import { fromCents, toCents } from './allocation-rules';

/**
 * The value a task is expected to have reached by a milestone (序时进度): target × cumulative percent, rounded
 * half up to two decimals; a ratio's goal is the rate itself at every milestone.
 */
export function expectedByMilestone(kind: IndicatorKind | string, target: string, percent: string): string {
  if (kind === 'ratio') return target;
  return fromCents((toCents(target)! * toCents(percent)! + 5000n) / 10000n);
}
