import { Exact } from './exact';

export type ProgressStatus = 'ahead' | 'on_track' | 'behind' | 'zero' | 'no_plan';

/**
 * Status of a unit against the expected rate. No plan (无计划): the unit holds no target (seed 002 annex 5, 汉沽 and
 * 大港): nothing to measure against, whatever it did. Zero: nothing done though a target is set. Behind: below the
 * expected rate. Ahead: done (100 %) or at least `band` above the expected rate. On track: in between.
 * Null with a target but no rate (a ratio without a denominator, or a target of 0: nothing to divide by).
 */
export function progressStatus(
  actual: Exact | null,
  rate: Exact | null,
  expected: Exact,
  band: string | number = '0.05',
  hasPlan = true,
): ProgressStatus | null {
  if (!hasPlan) return 'no_plan';
  if (rate === null) return null;
  if (actual === null || actual.isZero()) return 'zero';
  if (rate.cmp(expected) < 0) return 'behind';
  if (rate.cmp(1) >= 0 || rate.cmp(expected.add(band)) >= 0) return 'ahead';
  return 'on_track';
}
