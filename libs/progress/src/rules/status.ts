import { Exact } from './exact';

export type ProgressStatus = 'ahead' | 'on_track' | 'behind' | 'zero';

/**
 * Status of a unit against the expected rate. Zero: nothing done though a target is set. Behind: below the
 * expected rate. Ahead: done (100 %) or at least `band` above the expected rate. On track: in between.
 * Null without a target (nothing to measure against).
 */
export function progressStatus(actual: Exact | null, rate: Exact | null, expected: Exact, band: string | number = '0.05'): ProgressStatus | null {
  if (rate === null) return null;
  if (actual === null || actual.isZero()) return 'zero';
  if (rate.cmp(expected) < 0) return 'behind';
  if (rate.cmp(1) >= 0 || rate.cmp(expected.add(band)) >= 0) return 'ahead';
  return 'on_track';
}
