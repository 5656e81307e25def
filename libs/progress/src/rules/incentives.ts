import { Exact } from './exact';

/**
 * DOMAIN.md section 9 (seed 000 奖惩机制). Rates A and B are percentages (A = 80 means 80 %); X, Y, Z yuan.
 * rate ≥ A % and < 100 %: X yuan per new enrolee; ≥ 100 %: Y yuan per new enrolee; below B % (不含):
 * nothing, public criticism and a talk with the unit head; zero: criticism, admonition, a written
 * explanation and Z yuan deducted per assigned target.
 */
export interface IncentiveSettings {
  A: number | string;
  B: number | string;
  X: number | string;
  Y: number | string;
  Z: number | string;
}

export type IncentiveTier = 'full' | 'partial' | 'none' | 'criticised' | 'zero';

export interface IncentiveOutcome {
  tier: IncentiveTier;
  /** Yuan paid (≥ 0). */
  reward: Exact;
  /** Yuan deducted (≥ 0). */
  deduction: Exact;
  criticism: boolean;
  /** 约谈单位负责人 */
  talk: boolean;
  /** 诫勉谈话 */
  admonition: boolean;
  /** 递交书面说明 */
  writtenExplanation: boolean;
}

/**
 * Tier and money for one unit or cadre: `newEnrolees` its figure (its subtree's), `target` assigned, `rate`
 * = completion rate (fraction) — these decide the tier. Seed 000 pays "各单位或个人每动员一人新参保" (each
 * unit or person, per person it mobilised): the reward is X or Y per person in `mobilised`, those the unit
 * or cadre mobilised itself (not those its children mobilised, who are paid on their own lines). Default:
 * all of `newEnrolees`.
 */
export function incentiveFor(s: IncentiveSettings, newEnrolees: Exact, target: Exact, rate: Exact | null, mobilised: Exact = newEnrolees): IncentiveOutcome {
  const none = { reward: Exact.ZERO, deduction: Exact.ZERO, criticism: false, talk: false, admonition: false, writtenExplanation: false };
  // a share of 0 (a unit or cadre given nothing to do) is met from the start: no penalty, and whoever it mobilised anyway is paid in full
  if (!target.isPositive()) return newEnrolees.isZero() ? { ...none, tier: 'none' } : { ...none, tier: 'full', reward: Exact.of(s.Y).mul(mobilised) };
  if (newEnrolees.isZero() || rate === null || rate.isZero()) {
    return { ...none, tier: 'zero', deduction: Exact.of(s.Z).mul(target), criticism: true, admonition: true, writtenExplanation: true };
  }
  const pct = rate.mul(100);
  if (pct.cmp(100) >= 0) return { ...none, tier: 'full', reward: Exact.of(s.Y).mul(mobilised) };
  if (pct.cmp(s.A) >= 0) return { ...none, tier: 'partial', reward: Exact.of(s.X).mul(mobilised) };
  if (pct.cmp(s.B) < 0) return { ...none, tier: 'criticised', criticism: true, talk: true };
  return { ...none, tier: 'none' };
}
