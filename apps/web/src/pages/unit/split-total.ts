// The split editor's running total (libs/campaigns rules/allocation-rules.ts is the API's side): counts are whole
// numbers, amounts have two decimals, both add up to the parent target exactly (at least, where the campaign allows
// over-allocation); ratios are not split but copied down unchanged. Sums are exact, in hundredths, never floats.

export type IndicatorKind = 'count' | 'amount' | 'ratio';

/** A decimal (number or string) in hundredths; null when empty or not a number with at most two decimals. */
export function toCents(v: number | string | null | undefined): bigint | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -cents : cents;
}

/** Hundredths as the kind writes them: a count whole ('34'), an amount or a rate with two decimals ('33.34'). */
export function fromCents(c: bigint, kind: IndicatorKind): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  const whole = `${neg ? '-' : ''}${a / 100n}`;
  return kind === 'count' && a % 100n === 0n ? whole : `${whole}.${String(a % 100n).padStart(2, '0')}`;
}

/** What is wrong with one line's value, in Chinese, or null. */
export function lineError(kind: IndicatorKind, v: number | string | null | undefined): string | null {
  if (kind === 'ratio') return null;
  if (v === null || v === undefined || v === '') return '请填写分解数';
  const c = toCents(v);
  if (c === null) return kind === 'count' ? '须为整数' : '最多两位小数';
  if (c < 0n) return '不能为负数';
  if (kind === 'count' && c % 100n !== 0n) return '人数须为整数';
  return null;
}

export interface SplitTotal {
  /** short: below the target; exact; over: above it; copied: a ratio, each line takes the parent's rate. */
  state: 'short' | 'exact' | 'over' | 'copied';
  /** The sum of the valid lines so far. */
  sum: string;
  /** target − sum (negative when over). */
  remaining: string;
  /** Whether the lines may be submitted: every line valid and the sum as the rule wants it. */
  ok: boolean;
  /** Per line: its error or null. */
  errors: (string | null)[];
}

/**
 * The running total of the lines against the parent target, as the clerk types. A unit's line marked 无计划 (noPlan,
 * seed 002 annex 5: 汉沽, 大港) needs no value and adds nothing: the planned lines alone add up to the target.
 */
export function splitTotal(
  kind: IndicatorKind,
  target: string,
  values: (number | string | null | undefined)[],
  allowOverAllocation = false,
  noPlan: boolean[] = [],
): SplitTotal {
  const parent = toCents(target) ?? 0n;
  const errors = values.map((v, i) => (noPlan[i] && kind !== 'ratio' ? null : lineError(kind, v)));
  if (kind === 'ratio') return { state: 'copied', sum: fromCents(parent, kind), remaining: fromCents(0n, kind), ok: values.length > 0, errors };
  const sum = values.reduce<bigint>((s, v, i) => (errors[i] || noPlan[i] ? s : s + toCents(v)!), 0n);
  const state = sum === parent ? 'exact' : sum < parent ? 'short' : 'over';
  const sumOk = state === 'exact' || (allowOverAllocation && state === 'over');
  return {
    state,
    sum: fromCents(sum, kind),
    remaining: fromCents(parent - sum, kind),
    ok: values.length > 0 && errors.every((e) => e === null) && sumOk,
    errors,
  };
}

/**
 * The parent target spread evenly over n lines so that it adds up exactly: the remainder (whole people, or cents)
 * goes one unit each to the first lines (100 over 3: 34, 33, 33). A ratio is copied to every line.
 */
export function evenShares(kind: IndicatorKind, target: string, n: number): string[] {
  if (n <= 0) return [];
  const parent = toCents(target) ?? 0n;
  if (kind === 'ratio') return Array.from({ length: n }, () => fromCents(parent, kind));
  const unit = kind === 'count' ? 100n : 1n;
  const units = parent / unit;
  const base = units / BigInt(n);
  const extra = units % BigInt(n);
  return Array.from({ length: n }, (_, i) => fromCents((base + (BigInt(i) < extra ? 1n : 0n)) * unit, kind));
}

/**
 * The parent target split by weights (e.g. each village's population), adding up exactly: each line gets its share
 * rounded down, and the units left go to the largest remainders (ties: the earlier line).
 */
export function weightedShares(kind: IndicatorKind, target: string, weights: number[]): string[] {
  const parent = toCents(target) ?? 0n;
  if (kind === 'ratio') return weights.map(() => fromCents(parent, kind));
  const w = weights.map((x) => BigInt(Math.max(0, Math.round(x))));
  const total = w.reduce((a, b) => a + b, 0n);
  if (total === 0n) return evenShares(kind, target, weights.length);
  const unit = kind === 'count' ? 100n : 1n;
  const units = parent / unit;
  const floor = w.map((x) => (units * x) / total);
  const rest = w.map((x, i) => ({ i, r: units * x - floor[i] * total }));
  let left = units - floor.reduce((a, b) => a + b, 0n);
  for (const { i } of rest.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))) {
    if (left <= 0n) break;
    floor[i] += 1n;
    left -= 1n;
  }
  return floor.map((x) => fromCents(x * unit, kind));
}
