import type { IndicatorKind } from '#campaigns';
import { Exact } from './exact';

// DOMAIN.md section 4: counts and amounts sum up the tree; a ratio is its own numerator over denominator (the kinds: #campaigns).

/** A unit's figure for one indicator: `actual` is the count/amount, or the numerator of a ratio. */
export interface Measure {
  actual: string | number;
  /** Ratio indicators only: the denominator (e.g. eligible people for a coverage rate). */
  denominator?: string | number | null;
}

export interface RolledUp {
  /** Count/amount: the sum. Ratio: sum of numerators. */
  actual: Exact;
  /** Ratio only: sum of denominators (null otherwise). */
  denominator: Exact | null;
  /** The figure compared with the target: actual for counts/amounts, numerator/denominator for ratios (null when no denominator). */
  value: Exact | null;
}

/**
 * A parent's figure from its children's: counts and amounts add up; ratios add numerators and
 * denominators and divide once, never an average of the children's rates.
 */
export function rollup(kind: IndicatorKind, children: Measure[]): RolledUp {
  let actual = Exact.ZERO;
  let den = Exact.ZERO;
  for (const c of children) {
    actual = actual.add(Exact.of(c.actual));
    if (kind === 'ratio') den = den.add(Exact.of(c.denominator ?? 0));
  }
  if (kind !== 'ratio') return { actual, denominator: null, value: actual };
  return { actual, denominator: den, value: den.isZero() ? null : actual.div(den) };
}

/** Completion rate = value / target (for a ratio the target is itself a rate, e.g. 0.985); null without a positive target. */
export function completionRate(value: Exact | null, target: string | number | Exact | null | undefined): Exact | null {
  if (value === null || target === null || target === undefined) return null;
  const t = Exact.of(target);
  if (!t.isPositive()) return null;
  return value.div(t);
}

/** A rate (0.943245...) as a percentage with one decimal, half-up: '94.3'. Display only; stored values keep full precision. */
export function percent1(rate: Exact | null): string | null {
  return rate === null ? null : rate.mul(100).toFixedHalfUp(1);
}

/** Seed 002 annex 5 prints completion rates with two decimals ('170.28'), half-up. Display only. */
export function percent2(rate: Exact | null): string | null {
  return rate === null ? null : rate.mul(100).toFixedHalfUp(2);
}
