import { ProgressStatus } from '../rules/status';

/** One unit's line on a dashboard, a ranking, a bulletin or a progress export. Rates are fractions (0.943...); *Pct are display strings, one decimal, half-up. */
export interface ProgressRow {
  unitId: number;
  code: string;
  name: string;
  taskId: number | null;
  /** Target of the unit's task (a rate for ratio indicators); null when the unit has no plan (no task, or a task without a target). */
  target: string | null;
  /** Count/amount, or ratio numerator (decimal string, full precision). */
  actual: string;
  /** Ratio indicators: sum of denominators. */
  denominator: string | null;
  /** Ratio indicators: numerator / denominator, or the rate reported alone (full precision). */
  value: number | null;
  /** (Set by progressRow; optional for rows built elsewhere.) Ratio indicators: the unit's own report that counts carries only a rate (按比率填报): actual and denominator are 0. */
  rateOnly?: boolean;
  /** The rate of that report in % (e.g. '98.5'); null otherwise. */
  reportedRate?: string | null;
  /** Ratio indicators: tasks under this row reported as a rate only, left out of its numerator and denominator. */
  rateOnlyBelow?: number;
  rate: number | null;
  ratePct: string | null;
  expectedRate: number;
  expectedPct: string;
  /** rate - expected rate (full precision); gapPct in percentage points, one decimal. */
  gap: number | null;
  gapPct: string | null;
  status: ProgressStatus | null;
  /** Rank among the siblings with a plan (null on the total row and without a plan). */
  rank: number | null;
}

export interface DashboardIndicator {
  indicatorId: number;
  code: string;
  name: string;
  kind: string;
  unit: string | null;
  total: ProgressRow;
  rows: ProgressRow[];
  /**
   * What the total counts at the unit's own level, outside every child row (its own leaf task or its
   * cadres' tasks, credits dated at the unit itself); null when nothing: then total = sum of the rows.
   */
  own: { actual: string; denominator: string | null } | null;
}

export interface Dashboard {
  campaignId: number;
  unitId: number;
  date: string;
  expectedRate: number;
  expectedPct: string;
  /**
   * How a row's status follows from its rate (campaign setting progress.statusBandPct): no_plan = no target; zero = nothing
   * done; behind = rate < expected; ahead = rate >= 100 % or rate >= expected + band; on_track = in between.
   */
  statusRule: { band: number; bandPct: string; aheadFromPct: string };
  indicators: DashboardIndicator[];
}
