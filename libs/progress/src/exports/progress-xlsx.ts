import ExcelJS from 'exceljs';
import { ProgressRow } from '../dto/dashboard.types';
import { Exact } from '../rules/exact';
import { completionRate, percent2 } from '../rules/rollup';

export interface SheetSpec {
  title: string;
  unitLabel: string;
  total: ProgressRow;
  rows: ProgressRow[];
}

function num(v: string | null): number | null {
  return v === null ? null : Number(v);
}

function shown(row: ProgressRow, isRatio: boolean): number | string | null {
  return isRatio ? (row.value === null ? null : `${(row.value * 100).toFixed(2)}%`) : num(row.actual);
}

/**
 * Seed 002 annex 3: 单位, 实际完成, 计划指标, 完成进度; the total row (合计) first, then one row per unit.
 * Percentages are the one-decimal half-up display strings of the dashboard.
 */
export function addProgressSheet(wb: ExcelJS.Workbook, spec: SheetSpec, isRatio = false): void {
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.addRow([spec.title]);
  ws.addRow([`单位：${spec.unitLabel}、%`]);
  ws.addRow(['单位', '实际完成', '计划指标', '完成进度', '序时进度', '状态']);
  const line = (label: string, r: ProgressRow) =>
    ws.addRow([
      label,
      shown(r, isRatio),
      isRatio ? (r.target === null ? null : `${Number(r.target) * 100}%`) : num(r.target),
      r.ratePct === null ? null : `${r.ratePct}%`,
      `${r.expectedPct}%`,
      STATUS_ZH[r.status ?? ''] ?? '',
    ]);
  line('合计', spec.total);
  for (const r of spec.rows) line(r.name, r);
  ws.getRow(3).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
}

/**
 * The completion rate of a row with two decimals ('41.67%'), recomputed exactly from its figures (actual,
 * denominator, target: full-precision decimal strings), so stored bulletins print the same way.
 */
export function ratePct2(r: ProgressRow, isRatio: boolean): string | null {
  if (r.target === null) return null;
  const value = isRatio ? (r.denominator !== null && !Exact.of(r.denominator).isZero() ? Exact.of(r.actual).div(r.denominator) : null) : Exact.of(r.actual);
  const pct = percent2(completionRate(value, isRatio ? Exact.of(r.target).div(100) : r.target));
  return pct === null ? null : `${pct}%`;
}

/** Seed 002 annex 5: 序号, 单位, 实际完成, 计划指标, 完成率 (two decimals, 170.28%); ranked, then the total row (合计) last. */
export function addRankingSheet(wb: ExcelJS.Workbook, spec: SheetSpec, isRatio = false): void {
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.addRow([spec.title]);
  ws.addRow([`单位：${spec.unitLabel}、%`]);
  ws.addRow(['序号', '单位', '实际完成', '计划指标', '完成率']);
  const ranked = [...spec.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  for (const r of ranked) ws.addRow([r.rank, r.name, shown(r, isRatio), num(r.target), ratePct2(r, isRatio)]);
  ws.addRow([ranked.length + 1, '合计', shown(spec.total, isRatio), num(spec.total.target), ratePct2(spec.total, isRatio)]);
  ws.getRow(3).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 16));
}

export const STATUS_ZH: Record<string, string> = { ahead: '超序时进度', on_track: '达到序时进度', behind: '落后序时进度', zero: '零完成' };
