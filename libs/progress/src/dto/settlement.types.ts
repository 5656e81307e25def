import type { IncentiveSettings } from '../rules/incentives';

export interface SettlementLine {
  taskId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  cadreUserId: number | null;
  cadreName: string | null;
  target: string;
  /** The line's figure (its subtree's new enrolees): decides the tier. */
  newEnrolees: string;
  /** Those it mobilised itself, not counted on a child task's line: what the reward is paid for (each enrolee once). */
  mobilised: string;
  rate: string | null;
  ratePct: string | null;
  tier: string;
  reward: string;
  deduction: string;
  criticism: boolean;
  talk: boolean;
  admonition: boolean;
  writtenExplanation: boolean;
}

export interface SettlementView {
  id: number;
  taskId: number;
  period: string;
  asOf: string;
  state: 'draft' | 'confirmed';
  settings: IncentiveSettings;
  totals: SettlementTotals;
  computedAt: Date;
  confirmedAt: Date | null;
  /** The settled task's holder unit and indicator. */
  unitId: number;
  unitName: string;
  indicatorId: number;
  indicatorName: string;
  lines?: SettlementLine[];
}

export interface SettlementTotals {
  reward: string;
  deduction: string;
  lines: number;
}
