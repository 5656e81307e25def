import { FieldError } from '#core';
import type { IndicatorKind } from '../campaigns.types';

// Issue 3: counts are non-negative integers, amounts have two decimals, ratios lie in (0, 100] percent; counts and
// amounts add up to the parent exactly (at least, with over-allocation allowed); ratios are copied down unchanged.
// Seed 002 annex 5: a district may be left without a plan (汉沽, 大港: blank plan): a unit's count/amount line with
// target null is "no plan", not 0, and the planned lines alone add up to the parent (450000). A 0 stays a plan of 0.

/** A decimal written as a number or string, in hundredths (exact; no float sums). Null when not a decimal with ≤ 2 places. */
export function toCents(v: number | string): bigint | null {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -cents : cents;
}

/** Hundredths back to a 2-decimal string ('1234.50'). */
export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** Checks one target value for an indicator kind; returns the error message or null. */
export function targetError(kind: IndicatorKind, v: number | string): string | null {
  const c = toCents(v);
  if (c === null) return kind === 'count' ? '须为整数（must be a whole number）' : '须为最多两位小数的数（must be a number with at most two decimals）';
  if (kind === 'count') return c < 0n || c % 100n !== 0n ? '人数目标须为不小于 0 的整数（a count target must be a non-negative whole number）' : null;
  if (kind === 'amount') return c < 0n ? '金额目标不能为负数（an amount target must not be negative）' : null;
  return c <= 0n || c > 10000n ? '比率目标须大于 0 且不超过 100%（a ratio target must lie in (0, 100] percent）' : null;
}

export interface LineInput {
  childUnitId: number;
  /** Omitted: required (ratios: copied). Null on a unit's count/amount line: the unit gets no plan (无计划). */
  target?: number | string | null;
  deadline?: string | null;
  /** A cadre who holds this share for the unit (a unit's split over its own cadres); null/absent for a unit's line. */
  holderUserId?: number | null;
}

export interface ParentTarget {
  kind: IndicatorKind;
  /** The parent task's target as stored ('800.00'); null when the parent itself has no plan (nothing to split). */
  target: string | null;
  deadline: string;
  allowOverAllocation: boolean;
}

export type SumResult =
  | { ok: true; lines: { childUnitId: number; target: string | null; deadline: string | null; holderUserId?: number }[] }
  | { ok: false; sumMismatch: boolean; errors: FieldError[] };

/**
 * Validates lines against the parent target, apart from the subtree check (needs the tree). Ratio lines
 * without a target get the parent's; a ratio line with another value is refused (ratios are not split).
 */
export function checkLines(parent: ParentTarget, lines: LineInput[]): SumResult {
  const errors: FieldError[] = [];
  if (!lines.length) errors.push({ field: 'lines', message: '分解方案至少需要一行（an allocation needs at least one line）' });
  const seen = new Set<string>();
  if (parent.target === null)
    return {
      ok: false,
      sumMismatch: false,
      errors: [
        { field: 'parentTaskId', message: '上级任务未下达计划（无计划），没有可分解的目标（the parent task has no plan: there is no target to split）' },
      ],
    };
  const out: { childUnitId: number; target: string | null; deadline: string | null; holderUserId?: number }[] = [];
  let sum = 0n;
  const parentCents = toCents(parent.target) ?? 0n;
  lines.forEach((l, i) => {
    const f = `lines[${i}]`;
    const key = `${l.childUnitId}-${l.holderUserId ?? ''}`;
    if (seen.has(key))
      errors.push(
        l.holderUserId
          ? { field: `${f}.holderUserId`, message: `干部 ${l.holderUserId} 在分解方案中出现了不止一次（cadre ${l.holderUserId} appears more than once）` }
          : { field: `${f}.childUnitId`, message: `单位 ${l.childUnitId} 在分解方案中出现了不止一次（unit ${l.childUnitId} appears more than once）` },
      );
    seen.add(key);
    if (l.deadline != null && l.deadline > parent.deadline)
      errors.push({
        field: `${f}.deadline`,
        message: `不能晚于上级任务的截止日期 ${parent.deadline}（must be no later than the parent deadline ${parent.deadline}）`,
      });
    let target: string | null;
    if (parent.kind === 'ratio') {
      if (l.target != null && toCents(l.target) !== parentCents) {
        errors.push({
          field: `${f}.target`,
          message: `比率目标按上级目标原样下达，须为 ${parent.target}（a ratio target is copied down unchanged: must be ${parent.target}）`,
        });
        return;
      }
      target = fromCents(parentCents);
    } else if (l.target === null && !l.holderUserId) {
      target = null; // no plan: blank plan and rate, not ranked, not in the sum
    } else {
      if (l.target == null) {
        errors.push({
          field: `${f}.target`,
          message: l.holderUserId
            ? '须填写目标：干部的份额不能无计划（is required: a cadre’s share cannot be left without a plan）'
            : '须填写目标；不下达计划的单位请填 null（is required; null leaves the unit without a plan）',
        });
        return;
      }
      const err = targetError(parent.kind, l.target);
      if (err) {
        errors.push({ field: `${f}.target`, message: err });
        return;
      }
      const c = toCents(l.target)!;
      sum += c;
      target = fromCents(c);
    }
    out.push({ childUnitId: l.childUnitId, target, deadline: l.deadline ?? null, ...(l.holderUserId ? { holderUserId: l.holderUserId } : {}) });
  });
  if (errors.length) return { ok: false, sumMismatch: false, errors };
  if (parent.kind !== 'ratio') {
    const bad = parent.allowOverAllocation ? sum < parentCents : sum !== parentCents;
    if (bad) {
      const want = parent.allowOverAllocation ? `at least ${parent.target}` : `exactly ${parent.target}`;
      const zh = `各行合计 ${fromCents(sum)}，须${parent.allowOverAllocation ? '不少于' : '等于'}上级目标 ${parent.target}`;
      return { ok: false, sumMismatch: true, errors: [{ field: 'lines', message: `${zh}（lines add up to ${fromCents(sum)}; they must add up to ${want}）` }] };
    }
  }
  return { ok: true, lines: out };
}

/**
 * Why an approved split no longer fits its parent task after the parent's target or deadline changed, or null
 * when it still does: every line error (a ratio no longer copied, a child deadline after the new one) and the
 * sum. checkLines stops at line errors before the sum, so the sum is checked separately, and the reason names both.
 */
export function outOfStepReason(parent: ParentTarget, lines: LineInput[]): string | null {
  const withDeadlines = checkLines(
    parent,
    lines.map((l) => ({ ...l, deadline: l.deadline ?? undefined })),
  );
  const sumOnly = checkLines(
    parent,
    lines.map((l) => ({ ...l, deadline: undefined })),
  );
  const messages = [withDeadlines, sumOnly].flatMap((r) => (r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`)));
  return messages.length ? [...new Set(messages)].join('; ') : null;
}
