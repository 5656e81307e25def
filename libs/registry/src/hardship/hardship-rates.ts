// 三个100% (seed 003, 3.): 参保登记率, 代缴率, 待遇享受率 of the hardship groups, per unit over its subtree.

/** A unit's counts over its subtree. */
export interface HardshipCounts {
  /** People on the civil affairs' lists. */
  listed: number;
  /** Of them, registered (参保登记). */
  registered: number;
  /** Of the registered, paid for by the government (代缴); a payment needs a registration. */
  paid: number;
  /** Listed people of pension age on the campaign's reference date (PENSION_AGE). */
  eligible: number;
  /** Of the eligible, drawing the benefit (享受待遇). */
  receiving: number;
}

/** The three rates as percentages with one decimal ('66.7'); null (blank) when the denominator is zero. */
export interface HardshipRates {
  /** registered / listed */
  registrationRate: string | null;
  /** paid / registered: seed 001 pays "for those who join" (对符合条件参加城乡居民基本养老保险的…代缴), so the base is the registered. */
  paymentRate: string | null;
  /** receiving / eligible */
  benefitRate: string | null;
}

/**
 * num / den as a percentage with one decimal, half-up, exactly (integer arithmetic, as progress's percent1 prints):
 * 1/3 → '33.3', 2/3 → '66.7', 1/16 → '6.3'; null when den is 0 (no one to count: neither 0 % nor 100 %).
 */
export function percentOf(num: number, den: number): string | null {
  if (den === 0) return null;
  const tenths = Math.floor((num * 2000 + den) / (2 * den));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function hardshipRates(c: HardshipCounts): HardshipRates {
  return {
    registrationRate: percentOf(c.registered, c.listed),
    paymentRate: percentOf(c.paid, c.registered),
    benefitRate: percentOf(c.receiving, c.eligible),
  };
}

/** A unit's counts: its own people's and all below (units as materialised paths, a child's starting with its parent's). */
export function subtreeCounts(own: { path: string; counts: HardshipCounts }[], path: string): HardshipCounts {
  const sum: HardshipCounts = { listed: 0, registered: 0, paid: 0, eligible: 0, receiving: 0 };
  for (const u of own.filter((o) => o.path.startsWith(path))) {
    sum.listed += u.counts.listed;
    sum.registered += u.counts.registered;
    sum.paid += u.counts.paid;
    sum.eligible += u.counts.eligible;
    sum.receiving += u.counts.receiving;
  }
  return sum;
}
