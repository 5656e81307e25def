import { Exact } from './exact';

export interface Rankable {
  code: string;
  /** Completion rate; units with a plan but no rate (a ratio without a denominator) rank last. */
  rate: Exact | null;
  /** The figure behind the rate (count/amount, or the ratio value). */
  actual: Exact | null;
  /** False for a unit without a plan (无计划): it keeps its actual but takes no place in the ranking. Default true. */
  planned?: boolean;
}

/** Highest rate first, then higher actual, then code; a rate of null after every rate. */
function compare(a: Rankable, b: Rankable): number {
  if (a.rate === null || b.rate === null) {
    if (a.rate !== b.rate) return a.rate === null ? 1 : -1;
  } else {
    const c = b.rate.cmp(a.rate);
    if (c) return c;
  }
  const c = (b.actual ?? Exact.ZERO).cmp(a.actual ?? Exact.ZERO);
  if (c) return c;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Seed 002 annex 5: siblings ranked by completion rate, highest first; ties broken by actual (higher
 * first), then by code. Every unit with a plan gets a distinct rank 1..n without gaps; units with a plan
 * but no rate come last. Units without a plan (汉沽, 大港: blank plan and rate) get no rank (null) and
 * follow the ranked ones, by code.
 */
export function rank<T extends Rankable>(rows: T[]): (T & { rank: number | null })[] {
  const planned = rows.filter((r) => r.planned !== false).sort(compare);
  const unplanned = rows.filter((r) => r.planned === false).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return [...planned.map((r, i) => ({ ...r, rank: (i + 1) as number | null })), ...unplanned.map((r) => ({ ...r, rank: null }))];
}

/** Rows in ranking order: ranked ones by rank, then the unranked (no plan) by code. */
export function byRank<T extends { rank: number | null; code: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
    if (a.rank !== null || b.rank !== null) return a.rank === null ? 1 : -1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
