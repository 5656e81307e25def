import { Exact } from './exact';

export interface Rankable {
  code: string;
  /** Completion rate; units without a target (null) rank last. */
  rate: Exact | null;
  /** The figure behind the rate (count/amount, or the ratio value). */
  actual: Exact | null;
}

/**
 * Seed 002 annex 5: siblings ranked by completion rate, highest first; ties broken by actual (higher
 * first), then by code. Every unit gets a distinct rank 1..n; units without a rate come last.
 */
export function rank<T extends Rankable>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.rate === null || b.rate === null) {
      if (a.rate !== b.rate) return a.rate === null ? 1 : -1;
    } else {
      const c = b.rate.cmp(a.rate);
      if (c) return c;
    }
    const aa = a.actual ?? Exact.ZERO;
    const ba = b.actual ?? Exact.ZERO;
    const c = ba.cmp(aa);
    if (c) return c;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}
