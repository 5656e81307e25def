// A submitted split read against the version it replaces and against the parent task's target: which lines were
// added, removed or changed and by how much, and whether the lines still add up (count/amount) or equal the
// parent rate (ratio). Decimal strings are compared in hundredths (targets have at most two decimals), never as floats.

export interface SplitLine {
  childUnitId: number;
  childName: string;
  holderUserId: number | null;
  holderName: string | null;
  /** null: the unit is left without a plan (无计划, seed 002 annex 5), not 0; it adds nothing to the sum */
  target: string | null;
  deadline: string | null;
}

export type LineChange = 'added' | 'removed' | 'changed' | 'same';

export interface ComparedLine {
  key: string;
  /** the unit, and the cadre after it when a cadre holds the share */
  name: string;
  change: LineChange;
  before: string | null;
  after: string | null;
  /** after − before (a removed line: −before; an added one: +after), a decimal string with its sign */
  delta: string | null;
  deadlineBefore: string | null;
  deadlineAfter: string | null;
  /** the line had / has no plan (target null) */
  noPlanBefore: boolean;
  noPlanAfter: boolean;
}

/** "3600.5" → 360050n (hundredths); more than two decimals are cut, which targets never have; no plan (null) adds 0. */
export function toHundredths(s: string | number | null): bigint {
  if (s === null) return 0n;
  const t = String(s).trim();
  const neg = t.startsWith('-');
  const [int, frac = ''] = t.replace(/^[-+]/, '').split('.');
  const v = BigInt(int || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return neg ? -v : v;
}

/** 360050n → "3600.5"; 360000n → "3600". */
export function fromHundredths(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 100n}${frac ? `.${frac}` : ''}`;
}

function signed(v: bigint): string {
  return v > 0n ? `+${fromHundredths(v)}` : fromHundredths(v);
}

const keyOf = (l: SplitLine) => (l.holderUserId !== null ? `user-${l.holderUserId}` : `unit-${l.childUnitId}`);
const nameOf = (l: SplitLine) => (l.holderName ? `${l.childName} ${l.holderName}` : l.childName);

/**
 * The lines of `current` against `previous` (null: a first version, every line is new), in the order of the
 * current version with removed lines after.
 */
export function compareLines(current: readonly SplitLine[], previous: readonly SplitLine[] | null): ComparedLine[] {
  const before = new Map((previous ?? []).map((l) => [keyOf(l), l]));
  const out: ComparedLine[] = current.map((l) => {
    const p = before.get(keyOf(l));
    before.delete(keyOf(l));
    const delta = toHundredths(l.target) - (p ? toHundredths(p.target) : 0n);
    const planChanged = !!p && (p.target === null) !== (l.target === null);
    const change: LineChange = !p ? 'added' : delta !== 0n || planChanged || (p.deadline ?? null) !== (l.deadline ?? null) ? 'changed' : 'same';
    return {
      key: keyOf(l),
      name: nameOf(l),
      change,
      before: p ? p.target : null,
      after: l.target,
      delta: signed(delta),
      deadlineBefore: p?.deadline ?? null,
      deadlineAfter: l.deadline,
      noPlanBefore: !!p && p.target === null,
      noPlanAfter: l.target === null,
    };
  });
  for (const p of before.values())
    out.push({
      key: keyOf(p),
      name: nameOf(p),
      change: 'removed',
      before: p.target,
      after: null,
      delta: signed(-toHundredths(p.target)),
      deadlineBefore: p.deadline,
      deadlineAfter: null,
      noPlanBefore: p.target === null,
      noPlanAfter: false,
    });
  return out;
}

export interface SumCheck {
  /** count/amount: the lines' sum; ratio: the parent rate the lines must each equal */
  total: string;
  /** total − parent target (count/amount); 0 for a ratio whose lines all equal the parent rate */
  diff: string;
  fits: boolean;
  /** ratio: the lines whose rate is not the parent's */
  offLines: string[];
}

/** The split against its parent task: count/amount lines add up to the target exactly; ratio lines each equal the rate. */
export function sumAgainstParent(kind: string, lines: readonly SplitLine[], parentTarget: string | null): SumCheck {
  const parent = toHundredths(parentTarget);
  if (kind === 'ratio') {
    const off = lines.filter((l) => toHundredths(l.target) !== parent).map(nameOf);
    return { total: fromHundredths(parent), diff: '0', fits: off.length === 0, offLines: off };
  }
  const sum = lines.reduce((s, l) => s + toHundredths(l.target), 0n);
  return { total: fromHundredths(sum), diff: signed(sum - parent), fits: sum === parent, offLines: [] };
}
