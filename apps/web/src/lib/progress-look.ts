// How the console shows progress: a row's status (libs/progress rules/status.ts) as a coloured tag and bar, and an
// indicator's figures in its own unit (人, 元, or a rate in % for ratio indicators).
import type { components } from '../api/schema';
import { formatCount, formatPercent, formatRatio, formatYuan } from './format';

export type ProgressRow = components['schemas']['ProgressRowDto'];
export type ProgressStatus = NonNullable<ProgressRow['status']>;
/** what a figure's format depends on: the indicator's kind (count, amount, ratio) and unit (person, yuan, percent) */
type Indicator = { kind: string; unit?: string | null };

export interface StatusLook {
  label: string;
  /** antd Tag colour */
  tag: string;
  /** bar and chart colour */
  hex: string;
}

export const STATUS_LOOK: Record<ProgressStatus, StatusLook> = {
  ahead: { label: '超序时', tag: 'success', hex: '#52c41a' },
  on_track: { label: '符合序时', tag: 'processing', hex: '#1677ff' },
  behind: { label: '落后序时', tag: 'warning', hex: '#fa8c16' },
  zero: { label: '零进度', tag: 'error', hex: '#f5222d' },
  // seed 002 annex 5 (汉沽, 大港): no plan was given; blank plan, rate and rank
  no_plan: { label: '无计划', tag: 'default', hex: '#8c8c8c' },
};

const NO_RATE: StatusLook = { label: '无完成率', tag: 'default', hex: '#bfbfbf' };

/** The look of a row's status; a row with a target but no rate (a target of 0, a ratio without a denominator) is grey. */
export function statusLook(status: ProgressRow['status'] | undefined): StatusLook {
  return status ? STATUS_LOOK[status] : NO_RATE;
}

/** A unit without a plan (status no_plan): its plan, rate, gap and rank print blank, as in seed 002 annex 5. */
export function hasNoPlan(row: Pick<ProgressRow, 'status'>): boolean {
  return row.status === 'no_plan';
}

/** An amount in the indicator's unit: 3600 → "3,600人", 1250.5 → "1,250.50元"; a ratio indicator's target is a rate in %. */
export function formatFigure(ind: Indicator, v: string | number | null | undefined): string {
  if (ind.kind === 'ratio' || ind.unit === 'percent') return formatPercent(v);
  if (ind.kind === 'amount' || ind.unit === 'yuan') return formatYuan(v);
  return formatCount(v);
}

/** What a row has done: the count or amount, or for a ratio indicator the rate reached (numerator / denominator). */
export function formatActual(ind: Indicator, row: Pick<ProgressRow, 'actual' | 'value'>): string {
  return ind.kind === 'ratio' ? formatRatio(row.value) : formatFigure(ind, row.actual);
}

/** A completion rate for a bar: 0..100, capped (a unit at 130 % shows a full bar; the label says 130.0 %). */
export function barPercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.max(0, Math.min(100, Math.round(rate * 1000) / 10));
}

/**
 * How a ratio row says where its rate comes from (issue 17 point 6): "按比率填报" when the unit reported a rate only
 * (no numerator and denominator); "N 项按比率填报未计入" when rate-only reports below it are left out of its rate.
 */
export function rateOnlyNote(row: Pick<ProgressRow, 'rateOnly' | 'rateOnlyBelow'>): string | null {
  if (row.rateOnly) return '按比率填报';
  if (row.rateOnlyBelow > 0) return `${row.rateOnlyBelow} 项按比率填报未计入`;
  return null;
}
